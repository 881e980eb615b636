import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';

/** Debian's Roundcube 1.6 and the web stack the issue measured it with. */
export const ROUNDCUBE_PACKAGES = ['roundcube-core', 'roundcube-sqlite3', 'nginx', 'php-fpm'];
/** Debian's web root for Roundcube: public_html/ of the package's install path. */
export const ROUNDCUBE_WEB_ROOT = '/var/lib/roundcube/public_html';
const ROUNDCUBE_SHARE = '/usr/share/roundcube';
export const NGINX_BINARY = '/usr/sbin/nginx';

export interface RoundcubeInstall {
  nginx: string;
  phpFpm: string;
  /** PHP's command-line binary, to create the SQLite schema. */
  php: string;
  /** Roundcube's defaults.inc.php and mimetypes.php, copied next to the private config. */
  configDefaults: string;
  sqliteSchema: string;
  version: string;
}

/** Debian's hook that tells package scripts whether they may start services (exit 101: no). */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/**
 * Finds Debian's Roundcube, nginx and php-fpm, installing them with apt-get when missing (as
 * root). The package's own database setup is declined (dbconfig-common): the bench gives
 * each instance a private SQLite file. The system's nginx and php-fpm services are not
 * started by the install (else nginx would serve its default site on port 80 at once);
 * Debian still registers them for boot.
 */
export function ensureRoundcube(): RoundcubeInstall {
  const found = findInstall();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `Roundcube is not installed and the bench cannot install it (${isRoot ? 'no apt-get' : 'not root'}): run "sudo apt-get install -y ${ROUNDCUBE_PACKAGES.join(' ')}" and try again.`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('debconf-set-selections', {
      input: 'roundcube-core roundcube/dbconfig-install boolean false\n',
      env,
    });
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    withServicesHeldBack(() =>
      execFileSync(
        'apt-get',
        ['install', '-y', '-qq', '--no-install-recommends', ...ROUNDCUBE_PACKAGES],
        { stdio: 'inherit', env },
      ),
    );
  } catch (error) {
    throw new Error(
      `apt-get could not install ${ROUNDCUBE_PACKAGES.join(' ')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      { cause: error },
    );
  }
  const installed = findInstall();
  if (!installed)
    throw new Error(
      `apt-get installed ${ROUNDCUBE_PACKAGES.join(' ')}, but Roundcube, nginx or php-fpm is still not where Debian puts them.`,
    );
  return installed;
}

/** Runs `work` with a policy-rc.d that denies service starts, unless the system has its own policy. */
function withServicesHeldBack(work: () => void): void {
  if (existsSync(POLICY_RC_D)) return work();
  writeFileSync(
    POLICY_RC_D,
    '#!/bin/sh\n# Written by the Petrel bench while it installs Roundcube; removed afterwards.\nexit 101\n',
    { mode: 0o755 },
  );
  try {
    work();
  } finally {
    unlinkSync(POLICY_RC_D);
  }
}

function findInstall(): RoundcubeInstall | null {
  const phpFpm = newestBinary('/usr/sbin', /^php-fpm\d+\.\d+$/);
  const php = newestBinary('/usr/bin', /^php\d+\.\d+$/);
  const paths = {
    configDefaults: '/etc/roundcube',
    sqliteSchema: `${ROUNDCUBE_SHARE}/SQL/sqlite.initial.sql`,
  };
  const present =
    phpFpm !== null &&
    php !== null &&
    existsSync(NGINX_BINARY) &&
    existsSync(`${ROUNDCUBE_WEB_ROOT}/index.php`) &&
    existsSync(`${paths.configDefaults}/defaults.inc.php`) &&
    existsSync(paths.sqliteSchema);
  if (!present) return null;
  return { nginx: NGINX_BINARY, phpFpm, php, ...paths, version: packageVersion('roundcube-core') };
}

/** e.g. /usr/sbin/php-fpm8.2 (the highest version when several are installed). */
function newestBinary(dir: string, pattern: RegExp): string | null {
  if (!existsSync(dir)) return null;
  const names = readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const newest = names[names.length - 1];
  return newest === undefined ? null : `${dir}/${newest}`;
}

function packageVersion(name: string): string {
  const out = spawnSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'unknown';
}
