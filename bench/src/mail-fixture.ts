import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulkMessages, removeTree, startMailServer, type MailServer, type MailUser } from '@petrel/test-mailserver';

export const BENCH_USER: MailUser = { email: 'bench@petrel.test', password: 'bench-password' };
const CACHE = resolve(dirname(fileURLToPath(import.meta.url)), '../.cache');
/** Bump when bulkMessages changes, so cached mailboxes are rebuilt. */
const FIXTURE_VERSION = '1';

/**
 * A Dovecot whose INBOX holds `size` bulk messages. The mailbox is cached in
 * bench/.cache between runs (seeding 100,000 messages takes a few seconds, indexing a
 * little more), and rebuilt when the fixture version changes.
 */
export async function benchMailServer(size: number): Promise<MailServer> {
  const dataDir = join(CACHE, `dovecot-${size}`);
  const marker = join(dataDir, 'bench-seeded');
  const seeded = existsSync(marker) && readFileSync(marker, 'utf8') === FIXTURE_VERSION;
  if (!seeded) removeTree(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const server = await startMailServer({ users: [BENCH_USER], dataDir });
  if (!seeded) {
    await server.seed(BENCH_USER, bulkMessages(size));
    writeFileSync(marker, FIXTURE_VERSION);
  }
  return server;
}
