import type { MailServer, MailUser } from '@petrel/test-mailserver';
import { ImapFlow } from 'imapflow';

/**
 * A connection as the pool should open it for the watcher: QRESYNC enabled, so expunges
 * arrive as VANISHED with UIDs (RFC 7162 §3.2.10) instead of bare sequence numbers.
 */
export async function connectWatched(
  server: Pick<MailServer, 'host' | 'port'>,
  user: MailUser,
): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: user.email, pass: user.password },
    logger: false,
    qresync: true,
    disableAutoIdle: true,
  });
  await client.connect();
  return client;
}

/**
 * Stands in for the pool's `setIdleFolder`: whenever the connection is free, select
 * `folder` and IDLE on it at once (RFC 2177). `idle()` returns when another command breaks
 * the IDLE (imapflow sends DONE first), and the loop starts it again.
 */
export function keepIdling(client: ImapFlow, folder: string): () => void {
  let stopped = false;
  void (async () => {
    while (!stopped && client.usable) {
      try {
        const lock = await client.getMailboxLock(folder);
        lock.release();
        await client.idle({ whenFree: true });
      } catch {
        return; // the connection closed
      }
    }
  })();
  return () => {
    stopped = true;
  };
}
