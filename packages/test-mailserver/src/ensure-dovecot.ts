import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

/**
 * Makes sure Debian's Dovecot is installed. As root with apt-get it installs it;
 * otherwise it fails with one sentence that says what to install.
 */
export function ensureDovecot(): string {
  if (existsSync(DOVECOT_BINARY)) return DOVECOT_BINARY;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      'Dovecot is not installed: run "sudo apt-get install -y dovecot-imapd dovecot-lmtpd" and try again.',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'dovecot-imapd', 'dovecot-lmtpd'], {
    stdio: 'inherit',
    env,
  });
  return DOVECOT_BINARY;
}
