import { describe, expect, it } from 'vitest';
import { PartIdSchema, contentDisposition } from './bodies.ts';
import { LoginRequestSchema } from './session.ts';

describe('PartIdSchema', () => {
  it.each(['1', '2', '1.2', '1.2.3.4', '10.20'])('accepts %j', (part) => {
    expect(PartIdSchema.safeParse(part).success).toBe(true);
  });

  it.each(['', '0', '1.0', '01', '1.', '.1', '1..2', 'TEXT', '1.MIME', '1]', '1 2', '1\r\n'])(
    'rejects %j',
    (part) => {
      expect(PartIdSchema.safeParse(part).success).toBe(false);
    },
  );
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name (RFC 6266)', () => {
    expect(contentDisposition('Bericht März "final".pdf')).toBe(
      `attachment; filename="Bericht M_rz _final_.pdf"; filename*=UTF-8''Bericht%20M%C3%A4rz%20%22final%22.pdf`,
    );
    expect(contentDisposition("it's (1)*.txt")).toBe(
      `attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`,
    );
  });

  it('never breaks the header', () => {
    const value = contentDisposition('a\r\nSet-Cookie: x\\y\uD800.txt');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toContain('filename="a__Set-Cookie: x_y_.txt"');
    expect(contentDisposition(null)).toBe('attachment');
    expect(contentDisposition('')).toBe('attachment');
  });
});

describe('LoginRequestSchema', () => {
  it('accepts logins the browser accepts', () => {
    for (const email of ['demo@petrel.test', 'demo@localhost', 'a.b+c@example.co.uk']) {
      expect(LoginRequestSchema.safeParse({ email, password: 'pw' }).success).toBe(true);
    }
  });

  it.each([
    ['bad email', { email: 'not-an-email', password: 'pw' }],
    ['empty password', { email: 'demo@petrel.test', password: '' }],
    ['CRLF in password', { email: 'demo@petrel.test', password: 'pw\r\nA1 LOGOUT' }],
    ['long password', { email: 'demo@petrel.test', password: 'x'.repeat(1025) }],
    ['long email', { email: `${'a'.repeat(250)}@b.cd`, password: 'pw' }],
  ])('rejects %s', (_, body) => {
    expect(LoginRequestSchema.safeParse(body).success).toBe(false);
  });
});
