import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoMailbox, loadCorpusMessages } from './demo-mailbox/index.ts';
import { startMailServer, type MailServer } from './mail-server.ts';
import { removeTree } from './remove-tree.ts';
import type { MailUser } from './types.ts';

export const DEMO_USER: MailUser = { email: 'demo@petrel.test', password: 'demo' };

/** Bump when the generated mailbox changes, so an old demo folder is seeded again. */
const SEED_VERSION = '2';

export interface DemoMailServerOptions {
  dataDir: string;
  port?: number;
  /** Folder of .eml files loaded into "Corpus"; skipped with a notice when absent. */
  corpusDir?: string;
  log?: (line: string) => void;
  /** More accounts beside the demo user (empty mailboxes), e.g. for tests. */
  extraUsers?: MailUser[];
}

/**
 * Starts the demo Dovecot and seeds it once: a marker in the data folder makes a second
 * start skip seeding, so restarting the demo never duplicates mail.
 */
export async function startDemoMailServer(options: DemoMailServerOptions): Promise<MailServer> {
  const log = options.log ?? console.log;
  const marker = join(options.dataDir, 'seeded');
  const seeded = existsSync(marker) && readFileSync(marker, 'utf8') === SEED_VERSION;
  // A seed that was interrupted left part of the mailbox: start that over rather than
  // add to it.
  if (!seeded) removeTree(join(options.dataDir, 'mail'));
  const server = await startMailServer({
    users: [DEMO_USER, ...(options.extraUsers ?? [])],
    port: options.port ?? 1143,
    dataDir: options.dataDir,
  });
  if (seeded) {
    log('Demo mailbox already seeded.');
    return server;
  }
  try {
    const started = Date.now();
    const messages = await generateDemoMailbox();
    const corpusDir = options.corpusDir;
    if (corpusDir && existsSync(corpusDir)) {
      messages.push(...(await loadCorpusMessages(corpusDir)));
    } else {
      log(`No test corpus at ${corpusDir ?? '(not set)'}: the Corpus folder is skipped.`);
    }
    await server.seed(DEMO_USER, messages);
    writeFileSync(marker, SEED_VERSION);
    log(`Seeded ${messages.length} messages in ${Date.now() - started} ms.`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
