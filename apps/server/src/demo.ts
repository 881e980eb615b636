import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_USER, sharedMimeCorpusDir, startDemoMailServer } from '@petrel/test-mailserver';
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = process.env.PETREL_DEMO_DIR ?? join(repoRoot, '.demo');
const corpusDir = sharedMimeCorpusDir();

/** The demo: a seeded Dovecot on 127.0.0.1:1143 and Petrel on http://127.0.0.1:8080. */
const mail = await startDemoMailServer({ dataDir: join(dataDir, 'dovecot'), port: 1143, corpusDir });
const config = loadConfig(
  {
    PETREL_MODE: 'demo',
    PETREL_LISTEN_HOST: '127.0.0.1',
    PETREL_LISTEN_PORT: '8080',
    PETREL_IMAP_HOST: mail.host,
    PETREL_IMAP_PORT: String(mail.port),
    PETREL_IMAP_TLS: 'plain',
    PETREL_WEB_DIST: join(repoRoot, 'apps/web/dist'),
    PETREL_LOG_LEVEL: 'warn',
    ...process.env,
  },
  () => randomBytes(48).toString('base64url'),
);
const server = await startServer(config).catch(async (error: unknown) => {
  await mail.stop();
  throw error;
});

console.log(`\nPetrel demo is running at ${server.url}`);
console.log(`Sign in as ${DEMO_USER.email} with password "${DEMO_USER.password}". Ctrl-C stops it.\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([server.close(), mail.stop()]).then(() => process.exit(0));
  });
}
