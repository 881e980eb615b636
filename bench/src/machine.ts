import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, type } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  dovecot: string;
  chromium: string;
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export function describeMachine(): MachineInfo {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${version('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"'])}`,
    node: process.version,
    dovecot: version('dovecot', ['--version']),
    chromium: version('/usr/bin/chromium', ['--version']),
  };
}

export function loadAverage(): number[] {
  return loadavg().map((x) => Math.round(x * 100) / 100);
}
