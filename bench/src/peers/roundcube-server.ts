import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, removeTree } from '@petrel/test-mailserver';
import { pollUntil } from '../resources.ts';
import { spawnDaemon, type Daemon } from './daemon.ts';
import {
  layoutPaths,
  renderNginxConfig,
  renderPhpFpmConfig,
  renderRoundcubeConfig,
  WEB_USER,
  type RoundcubeLayout,
} from './roundcube-config.ts';
import { ROUNDCUBE_WEB_ROOT, type RoundcubeInstall } from './roundcube-install.ts';

export interface RoundcubeServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A private Roundcube: its own nginx (127.0.0.1 only) and php-fpm pool, config and SQLite
 * database in one temp folder, logging in to the given IMAP server. Nothing of the system's
 * nginx, php-fpm or /etc/roundcube is changed or started; stop() removes the folder.
 */
export async function startRoundcube(
  install: RoundcubeInstall,
  imap: { host: string; port: number },
): Promise<RoundcubeServer> {
  const root = mkdtempSync(join(tmpdir(), 'petrel-bench-roundcube-'));
  const daemons: Daemon[] = [];
  const stop = async () => {
    for (const daemon of daemons.reverse()) await daemon.stop();
    removeTree(root);
  };
  try {
    const layout: RoundcubeLayout = {
      root,
      webRoot: ROUNDCUBE_WEB_ROOT,
      httpPort: await freePort(),
      imapHost: imap.host,
      imapPort: imap.port,
      desKey: randomBytes(18).toString('base64'),
    };
    prepareFolder(install, layout);
    const p = layoutPaths(root);
    const phpFpm = spawnDaemon('php-fpm', install.phpFpm, [
      '--nodaemonize',
      '--fpm-config',
      p.phpFpmConf,
    ]);
    daemons.push(phpFpm);
    const nginx = spawnDaemon('nginx', install.nginx, [
      '-p',
      root,
      '-e',
      p.nginxErrorLog,
      '-c',
      p.nginxConf,
    ]);
    daemons.push(nginx);
    const url = `http://127.0.0.1:${layout.httpPort}`;
    await pollUntil(
      async () => {
        for (const [name, daemon] of [
          ['php-fpm', phpFpm],
          ['nginx', nginx],
        ] as const) {
          if (daemon.exited())
            throw new Error(`${name} for Roundcube exited: ${daemon.log().trim() || 'no output'}`);
        }
        // The login page is PHP: it answers 200 only once nginx, php-fpm and the config work.
        const ok = await fetch(`${url}/`).then(
          (r) => r.ok,
          () => false,
        );
        return ok ? true : undefined;
      },
      30_000,
      'Roundcube start',
      100,
    );
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function prepareFolder(install: RoundcubeInstall, layout: RoundcubeLayout): void {
  const p = layoutPaths(layout.root);
  // nginx workers and PHP run as www-data and must reach the socket, config and database.
  chmodSync(layout.root, 0o755);
  mkdirSync(p.configDir);
  for (const file of ['defaults.inc.php', 'mimetypes.php'])
    copyFileSync(join(install.configDefaults, file), join(p.configDir, file));
  writeFileSync(join(p.configDir, 'config.inc.php'), renderRoundcubeConfig(layout));
  writeFileSync(p.nginxConf, renderNginxConfig(layout));
  writeFileSync(p.phpFpmConf, renderPhpFpmConfig(layout));
  mkdirSync(p.nginxTemp);
  const web = webUserIds();
  for (const dir of [p.databaseDir, p.roundcubeTemp, p.roundcubeLogs]) {
    mkdirSync(dir);
    chownSync(dir, web.uid, web.gid);
  }
  // Roundcube 1.6 does not create its schema; this is what Debian's dbconfig-common would run.
  execFileSync(install.php, [
    '-r',
    '$db = new PDO("sqlite:" . $argv[1]); $db->exec(file_get_contents($argv[2]));',
    p.database,
    install.sqliteSchema,
  ]);
  chownSync(p.database, web.uid, web.gid);
}

function webUserIds(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, WEB_USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
