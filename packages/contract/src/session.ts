import { z } from 'zod';
import { PROTOCOL_VERSION } from './protocol.ts';

/**
 * Session: the server logs in to IMAP with these credentials and keeps the session in an
 * HttpOnly cookie; the web app never stores the password.
 */

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * The HTML5 `<input type=email>` rule rather than zod's default, which demands a dotted TLD
 * and would refuse valid logins such as `demo@localhost`. Client and server agree with the
 * browser's own form validation this way.
 */
export const EmailSchema = z
  .email({ pattern: z.regexes.html5Email, error: 'Enter a valid email address' })
  .max(MAX_EMAIL_LENGTH);

export const LoginRequestSchema = z
  .object({
    email: EmailSchema,
    // IMAP LOGIN (RFC 9051 §6.2.3) takes the password as a string; NUL, CR and LF cannot be
    // sent safely in a quoted string, and no real password contains them.
    password: z
      .string()
      .min(1, 'Enter your password')
      .max(MAX_PASSWORD_LENGTH)
      .regex(/^[^\0\r\n]*$/, 'The password contains a character that cannot be sent'),
  })
  .meta({ id: 'LoginRequest' });

export const SessionSchema = z
  .object({
    user: z.object({ email: z.string() }),
    protocolVersion: z.number().int().positive(),
  })
  .meta({ id: 'Session' });

export const HealthSchema = z.object({
  status: z.literal('ok'),
  /** The server's release version, for support and cache-busting diagnostics. */
  version: z.string(),
});

/**
 * Readiness for load balancers: 200 with `ready` when the IMAP server answers, 503 with
 * `unavailable` otherwise. Liveness (`/api/health`) does not depend on IMAP, so a mail
 * outage does not get the Petrel process restarted.
 */
export const ReadySchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  imap: z.boolean(),
});

export type LoginRequest = z.infer<typeof LoginRequestSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type Health = z.infer<typeof HealthSchema>;
export type Ready = z.infer<typeof ReadySchema>;

/** True when the server speaks a protocol this build does not; the app must reload. */
export function isProtocolMismatch(serverVersion: number): boolean {
  return serverVersion !== PROTOCOL_VERSION;
}
