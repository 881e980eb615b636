// Runs in its own process (tsx): a private Dovecot seeded with the demo mailbox and a Petrel
// server in front of it, both on free loopback ports. Prints one READY line with JSON, and
// stops both on SIGTERM or when its parent goes away.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, removeTree, sharedMimeCorpusDir, startDemoMailServer } from '@petrel/test-mailserver';
import { loadConfig } from '@petrel/server/config';
import { SECRET_USER } from '../fixtures/users.ts';
import { startServer } from '@petrel/server/server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'petrel-e2e-'));
const mail = await startDemoMailServer({
  dataDir,
  port: await freePort(),
  corpusDir: sharedMimeCorpusDir(),
  extraUsers: [SECRET_USER],
  log: (line) => console.error(line),
});
const port = await freePort();
const config = loadConfig(
  {
    PETREL_MODE: 'demo',
    PETREL_LISTEN_PORT: String(port),
    PETREL_IMAP_HOST: mail.host,
    PETREL_IMAP_PORT: String(mail.port),
    PETREL_IMAP_TLS: 'plain',
    PETREL_WEB_DIST: join(repoRoot, 'apps/web/dist'),
    // Every spec signs in from 127.0.0.1; the production limit (30 a minute) would throttle
    // the suite. The limits themselves are tested in apps/server/test/rate-limits.test.ts.
    PETREL_LOGIN_ATTEMPTS_PER_MINUTE: '1000',
    // Info: the server log is kept in a file so tests can check what it holds.
    PETREL_LOG_LEVEL: 'info',
  },
  () => 'e2e-secret-'.padEnd(48, 'x'),
);
const server = await startServer(config);
console.log(`READY ${JSON.stringify({ url: server.url, imapHost: mail.host, imapPort: mail.port })}`);

async function stop(): Promise<void> {
  await Promise.allSettled([server.close(), mail.stop()]);
  removeTree(dataDir);
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
