import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SessionCookie {
  name: string;
  secure: boolean;
  /** Browser lifetime of the cookie; the server's sliding idle time decides validity. */
  maxAgeSeconds: number;
}

/**
 * `__Host-` (RFC 6265bis §4.1.3.2) makes the browser refuse the cookie unless it is Secure,
 * has Path=/ and no Domain, so a sibling subdomain cannot plant or shadow it. Only the
 * loopback demo, served over plain http, uses the unprefixed name without Secure.
 */
export function sessionCookie(secure: boolean, sessionIdleMs: number): SessionCookie {
  return { name: secure ? '__Host-petrel' : 'petrel', secure, maxAgeSeconds: Math.floor(sessionIdleMs / 1000) };
}

export function readSessionToken(request: FastifyRequest, cookie: SessionCookie): string | null {
  const value = request.cookies[cookie.name];
  return value === undefined || value === '' ? null : value;
}

export function setSessionCookie(reply: FastifyReply, cookie: SessionCookie, token: string): void {
  reply.setCookie(cookie.name, token, {
    path: '/',
    httpOnly: true,
    // Strict: the cookie never rides on a cross-site request, not even top-level navigation.
    sameSite: 'strict',
    secure: cookie.secure,
    maxAge: cookie.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, cookie: SessionCookie): void {
  reply.clearCookie(cookie.name, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure });
}
