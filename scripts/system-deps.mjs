#!/usr/bin/env node
// Installs the system packages Petrel's demo and tests need (Dovecot, Debian's Chromium)
// when they are missing. It only acts as root on a Debian-like system; otherwise it says
// in one sentence what to install and exits non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const dovecotOnly = process.argv.includes('--dovecot-only');
const wanted = [
  { pkg: 'dovecot-imapd', present: () => existsSync('/usr/sbin/dovecot') },
  { pkg: 'dovecot-lmtpd', present: () => existsSync('/usr/lib/dovecot/lmtp') },
];
if (!dovecotOnly) wanted.push({ pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') });

const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
  console.error(`Petrel needs these system packages: ${missing.join(' ')} — install them (e.g. "sudo apt-get install -y ${missing.join(' ')}") and run this again.`);
  process.exit(1);
}
console.log(`Installing system packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
