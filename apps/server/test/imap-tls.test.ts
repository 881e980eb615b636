import { FaultProxy, startMailServer, type MailServer } from '@petrel/test-mailserver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { signIn, testConfig } from './support/harness.ts';
import { TapProxy } from './support/tap-proxy.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-tls-password' };
const CERTIFICATE = /^The mail server's certificate could not be verified/;
const NO_STARTTLS = /^The mail server does not offer STARTTLS/;

let tlsServer: MailServer;
let plainServer: MailServer;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  [tlsServer, plainServer] = await Promise.all([startMailServer({ users: [alice], tls: true }), startMailServer({ users: [alice] })]);
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
afterAll(async () => {
  await Promise.all([tlsServer?.stop(), plainServer?.stop()]);
});

async function tryLogin(imap: { host: string; port: number }, env: Record<string, string>) {
  const app = await buildApp(testConfig(imap, { env }), { logger: false });
  try {
    const { response } = await signIn(app, alice);
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    const body = response.json() as { code?: string; message?: string };
    return { status: response.statusCode, code: body.code, message: body.message, ready: ready.statusCode };
  } finally {
    await app.close();
  }
}

const implicitTls = () => ({ host: tlsServer.host, port: tlsServer.tlsPort! });
const withCa = (mode: string) => ({ PETREL_IMAP_TLS: mode, PETREL_IMAP_CA_FILE: tlsServer.certificate!.certPath });

describe('implicit TLS', () => {
  it('signs in, verifying the certificate against the configured CA', async () => {
    expect(await tryLogin(implicitTls(), withCa('implicit'))).toMatchObject({ status: 200, code: undefined, ready: 200 });
  });

  it('refuses a self-signed certificate whose CA is not configured, saying so in words', async () => {
    const result = await tryLogin(implicitTls(), { PETREL_IMAP_TLS: 'implicit' });
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(CERTIFICATE), ready: 503 });
  });

  it('refuses a trusted certificate issued for another name', async () => {
    // The certificate names localhost, 127.0.0.1 and ::1; 127.0.0.2 is someone else.
    const elsewhere = await FaultProxy.start({ target: implicitTls(), host: '127.0.0.2' });
    closers.push(() => elsewhere.close());
    const result = await tryLogin(elsewhere, withCa('implicit'));
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(CERTIFICATE) });
  });

  it('keeps verifying when NODE_TLS_REJECT_UNAUTHORIZED=0 is set process-wide', async () => {
    // Node's escape hatch turns verification off only where a client leaves it to the default.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const result = await tryLogin(implicitTls(), { PETREL_IMAP_TLS: 'implicit' });
      expect(result).toMatchObject({ status: 503, message: expect.stringMatching(CERTIFICATE), ready: 503 });
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    }
  });
});

describe('STARTTLS', () => {
  it('signs in where the server offers it', async () => {
    expect(await tryLogin(tlsServer, withCa('starttls'))).toMatchObject({ status: 200 });
  });

  it('verifies the certificate after the upgrade too', async () => {
    const result = await tryLogin(tlsServer, { PETREL_IMAP_TLS: 'starttls' });
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(CERTIFICATE) });
  });

  it('fails the login when the server does not offer STARTTLS, without sending the password', async () => {
    const tap = await TapProxy.start(plainServer);
    closers.push(() => tap.close());
    const result = await tryLogin(tap, { PETREL_IMAP_TLS: 'starttls' });
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(NO_STARTTLS) });
    expectNoCredentialsSent(tap);
  });

  it('does not downgrade when an attacker strips STARTTLS from the capabilities', async () => {
    const strip = await TapProxy.start(tlsServer, (text) => text.replace(/ STARTTLS/g, ''));
    closers.push(() => strip.close());
    const result = await tryLogin(strip, withCa('starttls'));
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(NO_STARTTLS) });
    // The server did offer it: the refusal came from the rewritten capabilities.
    expect(strip.toClient).toContain('STARTTLS');
    expectNoCredentialsSent(strip);
  });
});

function expectNoCredentialsSent(tap: TapProxy): void {
  expect(tap.toServer).not.toMatch(/LOGIN|AUTHENTICATE/i);
  expect(tap.toServer).not.toContain(alice.password);
  expect(tap.toServer).not.toContain(Buffer.from(`\0${alice.email}\0${alice.password}`).toString('base64'));
}
