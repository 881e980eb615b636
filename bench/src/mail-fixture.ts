import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulkMessages, removeTree, startMailServer, type MailServer, type MailUser } from '@petrel/test-mailserver';

export const BENCH_USER: MailUser = { email: 'bench@petrel.test', password: 'bench-password' };
const CACHE = resolve(dirname(fileURLToPath(import.meta.url)), '../.cache');
/** Bump when bulkMessages changes, so cached mailboxes are rebuilt. */
const FIXTURE_VERSION = '1';

/** The cached, seeded data folder for `size` messages (built on first use). */
async function seededDir(name: string, users: MailUser[], seed: (server: MailServer) => Promise<void>): Promise<string> {
  const dataDir = join(CACHE, name);
  const marker = join(dataDir, 'bench-seeded');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === FIXTURE_VERSION) return dataDir;
  removeTree(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const server = await startMailServer({ users, dataDir });
  try {
    await seed(server);
  } finally {
    await server.stop();
  }
  writeFileSync(marker, FIXTURE_VERSION);
  return dataDir;
}

/**
 * A Dovecot whose INBOX holds `size` bulk messages. The mailbox is cached in
 * bench/.cache between runs (seeding 100,000 messages takes a few seconds, indexing a
 * little more), and rebuilt when the fixture version changes.
 *
 * The returned server runs on a throwaway working copy (message files hard-linked, index
 * files copied), so what the suites change — flags, expunges, appended mail — never
 * reaches the cache and every `pnpm bench` starts from the same mailbox.
 */
export async function benchMailServer(size: number, users: MailUser[] = [BENCH_USER]): Promise<MailServer> {
  const cached = await seededDir(`dovecot-${size}`, [BENCH_USER], (server) => server.seed(BENCH_USER, bulkMessages(size)));
  const work = mkdtempSync(join(tmpdir(), `petrel-bench-${size}-`));
  workingCopy(join(cached, 'mail'), join(work, 'mail'));
  return startMailServer({ users, dataDir: work }).then(
    (server) => ({ ...server, stop: () => server.stop().finally(() => removeTree(work)) }),
    (error: unknown) => {
      removeTree(work);
      throw error;
    },
  );
}

/**
 * Users for the capacity suite: `count` accounts, the first `withMail` of them with a small
 * INBOX each (the message-list latency test lists it). Cached like the bulk fixtures.
 */
export function capacityUsers(count: number): MailUser[] {
  return Array.from({ length: count }, (_, i) => ({ email: `user${i + 1}@petrel.test`, password: `password-${i + 1}` }));
}

export async function capacityMailServer(count: number, withMail: number, messagesEach: number): Promise<MailServer> {
  const users = capacityUsers(count);
  const cached = await seededDir(`capacity-${count}-${withMail}-${messagesEach}`, users, async (server) => {
    for (const user of users.slice(0, withMail)) await server.seed(user, bulkMessages(messagesEach));
  });
  const work = mkdtempSync(join(tmpdir(), 'petrel-bench-capacity-'));
  workingCopy(join(cached, 'mail'), join(work, 'mail'));
  const server = await startMailServer({ users, dataDir: work });
  return { ...server, stop: () => server.stop().finally(() => removeTree(work)) };
}

/** `cp -al`, then replaces every file outside maildir cur/ and new/ by a private copy. */
function workingCopy(from: string, to: string): void {
  execFileSync('cp', ['-al', from, to]);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'cur' && entry.name !== 'new') walk(path);
      } else if (entry.isFile()) {
        const stat = statSync(path);
        const copy = join(dir, `.${basename(path)}.bench-copy`);
        copyFileSync(path, copy);
        chownSync(copy, stat.uid, stat.gid);
        renameSync(copy, path);
      }
    }
  };
  walk(to);
}
