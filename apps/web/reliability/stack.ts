import { CSRF_HEADER_VALUE, HEADERS } from '@petrel/contract';
import { buildApp } from '@petrel/server';
import { loadConfig } from '@petrel/server/config';
import { FaultProxy, OtherDevice, startMailServer } from '@petrel/test-mailserver';
import type { MailServer, MailUser, SeedMessage } from '@petrel/test-mailserver';
import { createApi } from '../src/api/api.ts';
import type { Api } from '../src/api/api.ts';

/**
 * Dovecot ← FaultProxy ← Petrel server ← Node fetch with the session cookie, all on
 * loopback. The server's IMAP reconnect backoff is shortened so twenty cuts take seconds.
 */
export interface Stack {
  mail: MailServer;
  proxy: FaultProxy;
  app: Awaited<ReturnType<typeof buildApp>>;
  baseUrl: string;
  user: MailUser;
  /** A signed-in API client; `fetch` may be wrapped to lose responses. */
  signIn(wrap?: (inner: typeof fetch) => typeof fetch): Promise<Api>;
  device(): Promise<OtherDevice>;
  stop(): Promise<void>;
}

export const USER: MailUser = {
  email: 'reliability@petrel.test',
  password: 'reliability-password',
};

export async function startStack(): Promise<Stack> {
  const mail = await startMailServer({ users: [USER] });
  const proxy = await FaultProxy.start({ target: { host: mail.host, port: mail.port } });
  const config = loadConfig(
    {
      PETREL_MODE: 'demo',
      PETREL_IMAP_HOST: proxy.host,
      PETREL_IMAP_PORT: String(proxy.port),
      PETREL_IMAP_TLS: 'plain',
      PETREL_LOG_LEVEL: 'silent',
      PETREL_IMAP_CONNECT_TIMEOUT_SECONDS: '5',
      PETREL_IMAP_SOCKET_TIMEOUT_SECONDS: '10',
    },
    () => 'reliability-secret-'.padEnd(48, 'x'),
  );
  config.pool = { ...config.pool, reconnectBaseMs: 50, reconnectCapMs: 500, stableAfterMs: 200 };
  const app = await buildApp(config, { logger: false });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    mail,
    proxy,
    app,
    baseUrl,
    user: USER,
    signIn: (wrap) => signIn(baseUrl, wrap),
    device: () => OtherDevice.connect(mail, USER),
    stop: async () => {
      await app.close();
      await proxy.close();
      await mail.stop();
    },
  };
}

async function signIn(baseUrl: string, wrap?: (inner: typeof fetch) => typeof fetch): Promise<Api> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HEADERS.csrf]: CSRF_HEADER_VALUE },
    body: JSON.stringify(USER),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
  return createApi({ fetch: wrap ? wrap(withCookie) : withCookie, baseUrl });
}

let serial = 0;

/** `count` small messages in `folder`, each with its own Message-ID. */
export function messages(folder: string, count: number, label: string): SeedMessage[] {
  return Array.from({ length: count }, (_, index) => {
    const id = `${label}-${index}-${serial++}@reliability.petrel.test`;
    const raw =
      `From: Load <load@example.org>\r\nTo: ${USER.email}\r\nSubject: ${label} ${index}\r\n` +
      `Message-ID: <${id}>\r\nDate: ${new Date(Date.UTC(2024, 0, 1, 0, index)).toUTCString()}\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nMessage ${index}.\r\n`;
    return {
      folder,
      raw: Buffer.from(raw),
      flags: [],
      internalDate: new Date(Date.UTC(2024, 0, 1, 0, index)),
    };
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
