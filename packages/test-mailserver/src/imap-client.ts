import { ImapFlow } from 'imapflow';
import type { MailServer } from './mail-server.ts';
import type { MailUser } from './types.ts';

/** An imapflow connection to the test server, without logging noise. */
export async function connectImap(server: Pick<MailServer, 'host' | 'port'>, user: MailUser): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.email, pass: user.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}
