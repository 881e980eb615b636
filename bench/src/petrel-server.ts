import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, removeTree } from '@petrel/test-mailserver';
import { pollUntil, sleep } from './resources.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_DIR = join(REPO_ROOT, 'apps/server');
export const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');

export interface PetrelServer {
  url: string;
  pid: number;
  /** Resident set size of the server process, from /proc. */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** What the benchmark ran against: the web build (copied, so a concurrent rebuild cannot change it mid-run). */
export interface WebBuild {
  dir: string;
  builtAt: string;
  hasServiceWorker: boolean;
  remove(): void;
}

export function snapshotWebBuild(): WebBuild {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('apps/web/dist is missing: run "npx -y pnpm@12.4.2 --filter @petrel/web build" first (or pass --build)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'petrel-bench-web-'));
  cpSync(WEB_DIST, dir, { recursive: true });
  return {
    dir,
    builtAt: statSync(join(WEB_DIST, 'index.html')).mtime.toISOString(),
    hasServiceWorker: existsSync(join(dir, 'sw.js')),
    remove: () => removeTree(dir),
  };
}

/**
 * The server's abuse limits (apps/server/src/config.ts) are per client address, and every
 * scripted user comes from 127.0.0.1: raised so 500 sign-ins (10 in flight, which the login
 * throttle counts as pending failures) and the list-latency burst are not refused.
 */
const BENCH_LIMITS = {
  PETREL_LOGIN_FAILURES_PER_IP: '1000000',
  PETREL_LOGIN_ATTEMPTS_PER_MINUTE: '1000000',
  PETREL_API_REQUESTS_PER_MINUTE: '1000000',
};

/**
 * The Petrel server in a child process of its own (`node --import tsx src/main.ts`), so its
 * RSS is its own and a crash cannot take the benchmark down. Resolves once /api/health answers.
 */
export async function startPetrel(
  imap: { host: string; port: number },
  webDist: string,
  extraEnv: Record<string, string> = {},
  /** Extra node flags, e.g. --cpu-prof for a profile of the server. */
  nodeArgs: string[] = [],
): Promise<PetrelServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    PETREL_MODE: 'demo',
    PETREL_IMAP_HOST: imap.host,
    PETREL_IMAP_PORT: String(imap.port),
    PETREL_IMAP_TLS: 'plain',
    PETREL_LISTEN_PORT: String(port),
    PETREL_WEB_DIST: webDist,
    PETREL_LOG_LEVEL: 'warn',
    PETREL_MAX_IMAP_CONNECTIONS: '1000',
    ...BENCH_LIMITS,
    ...extraEnv,
  };
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('The Petrel server could not be spawned');
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort if the benchmark dies without stopping it (an uncaught error, process.exit).
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!done) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  try {
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`The Petrel server exited with code ${child.exitCode}:\n${log}`);
        const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
        return ok ? true : undefined;
      },
      60_000,
      'Petrel server start',
      100,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, rssBytes: () => readRss(pid), stop };
}

export function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}
