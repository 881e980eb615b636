import { z } from 'zod';

/**
 * Flags a client may set. This is the contract-level IMAP injection guard: a flag is sent
 * to the IMAP server verbatim inside `UID STORE … +FLAGS (…)`, so anything that could close
 * the list, start a literal or end the command line must never get this far.
 */

/**
 * System flags a client may set (RFC 9051 §2.3.2). `\Recent` is excluded: clients cannot
 * set it and IMAP4rev2 dropped it. Canonical spelling only, so the cache never holds two
 * spellings of one flag (IMAP itself compares flags case-insensitively).
 */
export const SYSTEM_FLAGS = ['\\Seen', '\\Flagged', '\\Answered', '\\Draft', '\\Deleted'] as const;

/** Common keywords with registered meaning (RFC 9051 §2.3.2, RFC 5788 registry). */
export const KEYWORDS = {
  forwarded: '$Forwarded',
  junk: '$Junk',
  notJunk: '$NotJunk',
  mdnSent: '$MDNSent',
  phishing: '$Phishing',
} as const;

export const MAX_KEYWORD_LENGTH = 100;

/**
 * RFC 9051 §9 `flag-keyword = atom`: ATOM-CHAR is any CHAR (%x01-7F) except atom-specials,
 * i.e. not "(" ")" "{" SP CTL "%" "*" DQUOTE "\" "]". We also refuse "}", which atoms allow,
 * so no keyword can look like part of a literal `{5+}`. No backslash means no keyword can
 * pose as a system flag.
 */
export const KeywordSchema = z
  .string()
  .regex(
    /^[\x21\x23\x24\x26\x27\x2B-\x5B\x5E-\x7A\x7C\x7E]{1,100}$/,
    'Not an IMAP keyword (printable ASCII without spaces or ( ) { } % * " \\ ])',
  );

export const SystemFlagSchema = z.enum(SYSTEM_FLAGS);

export const FlagSchema = z.union([SystemFlagSchema, KeywordSchema]);

/**
 * Flags as the server reports them in headers. Deliberately lenient (the server reports
 * what IMAP says, e.g. `\Recent` from an IMAP4rev1 server), so one odd flag cannot fail a
 * whole response; only {@link FlagSchema} guards what is sent to IMAP.
 */
export const ReportedFlagSchema = z.string().min(1).max(1000);

export type SystemFlag = z.infer<typeof SystemFlagSchema>;
export type Keyword = z.infer<typeof KeywordSchema>;
export type Flag = z.infer<typeof FlagSchema>;
