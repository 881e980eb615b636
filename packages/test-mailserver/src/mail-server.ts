import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDovecot } from './ensure-dovecot.ts';
import { renderDovecotConfig } from './dovecot-config.ts';
import { makeSelfSignedCertificate, type SelfSignedCertificate } from './tls.ts';
import { removeTree } from './remove-tree.ts';
import { seedMailbox } from './seed.ts';
import type { MailUser, SeedMessage } from './types.ts';

export interface StartOptions {
  users?: MailUser[];
  /** Fixed plain-IMAP port; a free loopback port when omitted. */
  port?: number;
  host?: string;
  /** Also listen with implicit TLS on a second port, with a self-signed certificate. */
  tls?: boolean;
  /**
   * Keep state in this folder across runs (the demo); a fresh temp folder otherwise,
   * removed on stop.
   */
  dataDir?: string;
  /** Seconds Dovecot delays a failed login; 0 by default so tests stay fast. */
  authFailureDelay?: number;
}

export interface MailServer {
  host: string;
  port: number;
  /** Implicit-TLS port, when started with tls. */
  tlsPort: number | null;
  certificate: SelfSignedCertificate | null;
  users: MailUser[];
  root: string;
  /** Puts messages into a user's folders (creating folders as needed). */
  seed(user: MailUser, messages: readonly SeedMessage[]): Promise<void>;
  /** Dovecot's own log, for diagnosing a failing test. */
  readLog(): string;
  stop(): Promise<void>;
}

export const DEFAULT_USERS: MailUser[] = [
  { email: 'alice@petrel.test', password: 'alice-password' },
  { email: 'bob@petrel.test', password: 'bob-password' },
];

const running = new Set<ChildProcess>();
// Never leave a Dovecot behind when the process that started it goes away.
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/** Starts a private Dovecot on loopback and resolves once it greets IMAP clients. */
export async function startMailServer(options: StartOptions = {}): Promise<MailServer> {
  const binary = ensureDovecot();
  const host = options.host ?? '127.0.0.1';
  const users = options.users ?? DEFAULT_USERS;
  const ephemeral = options.dataDir === undefined;
  const root = options.dataDir ?? mkdtempSync(join(tmpdir(), 'petrel-dovecot-'));
  mkdirSync(join(root, 'mail'), { recursive: true });
  // Dovecot's processes run as the dovecot user and must reach the mail folder.
  chmodSync(root, 0o755);
  chownSync(join(root, 'mail'), ...dovecotOwnerIds());
  stopStaleInstance(root);

  const port = options.port ?? (await freePort(host));
  const tlsPort = options.tls ? await freePort(host) : 0;
  const certificate = options.tls ? makeSelfSignedCertificate(root) : null;
  writeFileSync(
    join(root, 'users'),
    users.map((u) => `${u.email}:{PLAIN}${u.password}::::::`).join('\n') + '\n',
    { mode: 0o644 },
  );
  const configPath = join(root, 'dovecot.conf');
  writeFileSync(
    configPath,
    renderDovecotConfig({
      root,
      host,
      port,
      tlsPort,
      tls: certificate,
      authFailureDelay: options.authFailureDelay ?? 0,
    }),
  );

  const child = spawn(binary, ['-F', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  writeFileSync(join(root, 'master.pid.petrel'), String(child.pid));
  const readLog = () => {
    const file = join(root, 'dovecot.log');
    return (existsSync(file) ? readFileSync(file, 'utf8') : '') + stderr;
  };
  try {
    await waitForGreeting(host, port, child, readLog);
  } catch (error) {
    child.kill('SIGKILL');
    running.delete(child);
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const server: MailServer = {
    host,
    port,
    tlsPort: tlsPort || null,
    certificate,
    users,
    root,
    readLog,
    seed: (user, messages) => seedMailbox(server, user, messages),
    stop: () =>
      (stopped ??= (async () => {
        await stopChild(child);
        running.delete(child);
        if (ephemeral) removeTree(root);
      })()),
  };
  return server;
}

function dovecotOwnerIds(): [number, number] {
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  const line = passwd.find((l) => l.startsWith('dovecot:'));
  const fields = line?.split(':');
  if (!fields?.[2] || !fields[3]) throw new Error('The system user "dovecot" is missing; reinstall dovecot-core.');
  return [Number(fields[2]), Number(fields[3])];
}

/** A previous run of the same data folder that was killed hard may still hold the port. */
function stopStaleInstance(root: string): void {
  const pidFile = join(root, 'master.pid.petrel');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    if (pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dovecot')) {
      process.kill(pid, 'SIGKILL');
    }
  } catch {
    // Not running any more.
  }
  removeTree(join(root, 'run'));
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(
  host: string,
  port: number,
  child: ChildProcess,
  readLog: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Dovecot exited with code ${child.exitCode}:\n${readLog()}`);
    }
    if (await greets(host, port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot did not answer on ${host}:${port} within 15 s:\n${readLog()}`);
}

function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
  });
}
