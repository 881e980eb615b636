import { spawn } from 'node:child_process';
import { sleep } from '../resources.ts';

export interface Daemon {
  pid: number;
  /** The last few KB of its stdout and stderr, for an error message. */
  log(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/**
 * A foreground server (nginx, php-fpm) in a process group of its own, so stopping it also
 * stops the workers it forked, even if its master died. SIGTERM first, SIGKILL after 5 s;
 * SIGKILL too if the benchmark exits without stopping it.
 */
export function spawnDaemon(name: string, command: string, args: string[]): Daemon {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} could not be spawned (${command})`);
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The whole group is gone already.
    }
  };
  const orphanGuard = () => signalGroup('SIGKILL');
  process.once('exit', orphanGuard);
  let stopped: Promise<void> | null = null;
  return {
    pid,
    log: () => log,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () =>
      (stopped ??= (async () => {
        signalGroup('SIGTERM');
        const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
        // Workers may outlive a master that exited on SIGTERM; the group kill reaches them.
        signalGroup('SIGKILL');
        if (!done) await exited;
        process.off('exit', orphanGuard);
      })()),
  };
}
