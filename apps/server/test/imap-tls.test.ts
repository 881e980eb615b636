import { startMailServer, type MailServer } from '@petrel/test-mailserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { signIn, testConfig } from './support/harness.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-password' };

let tlsServer: MailServer;
let plainServer: MailServer;
beforeAll(async () => {
  [tlsServer, plainServer] = await Promise.all([startMailServer({ users: [alice], tls: true }), startMailServer({ users: [alice] })]);
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

describe('IMAP transport security', () => {
  it('signs in over implicit TLS, verifying the certificate against the configured CA', async () => {
    const port = tlsServer.tlsPort!;
    const result = await tryLogin({ host: tlsServer.host, port }, {
      PETREL_IMAP_TLS: 'implicit',
      PETREL_IMAP_CA_FILE: tlsServer.certificate!.certPath,
    });
    expect(result).toMatchObject({ status: 200, code: undefined, ready: 200 });
  });

  it('refuses a certificate it cannot verify (no CA configured): 503, never a fallback', async () => {
    const result = await tryLogin({ host: tlsServer.host, port: tlsServer.tlsPort! }, { PETREL_IMAP_TLS: 'implicit' });
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(/secure \(TLS\)/), ready: 503 });
  });

  it('signs in with STARTTLS where the server offers it', async () => {
    const result = await tryLogin(tlsServer, { PETREL_IMAP_TLS: 'starttls', PETREL_IMAP_CA_FILE: tlsServer.certificate!.certPath });
    expect(result).toMatchObject({ status: 200 });
  });

  it('fails the login when STARTTLS is required and the server does not offer it', async () => {
    const result = await tryLogin(plainServer, { PETREL_IMAP_TLS: 'starttls' });
    expect(result).toMatchObject({ status: 503, code: 'imap_unavailable', message: expect.stringMatching(/secure \(TLS\)/) });
  });
});
