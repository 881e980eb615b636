import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Starts the test stack (Dovecot + Petrel) in a child process and exposes its addresses
 * to the tests through environment variables; the returned function stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const tsx = join(here, '../node_modules/.bin/tsx');
  const child = spawn(tsx, [join(here, 'stack.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  // The server's own log (pino, one JSON object a line) goes to a file tests can read.
  const serverLog = join(mkdtempSync(join(tmpdir(), 'petrel-e2e-log-')), 'server.log');
  const logFile = createWriteStream(serverLog);
  const ready = await new Promise<{ url: string; imapHost: string; imapPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The e2e stack did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`The e2e stack exited with code ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logFile.write(line + '\n');
      if (!line.startsWith('READY ')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(6)));
    });
  });
  process.env.PETREL_E2E_URL = ready.url;
  process.env.PETREL_E2E_IMAP_HOST = ready.imapHost;
  process.env.PETREL_E2E_IMAP_PORT = String(ready.imapPort);
  process.env.PETREL_E2E_SERVER_LOG = serverLog;
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    logFile.end();
  };
}
