import { describe, expect, it } from 'vitest';
import {
  renderNginxConfig,
  renderPhpFpmConfig,
  renderRoundcubeConfig,
  type RoundcubeLayout,
} from './roundcube-config.ts';

const layout: RoundcubeLayout = {
  root: '/tmp/rc-x',
  webRoot: '/var/lib/roundcube/public_html',
  httpPort: 41234,
  imapHost: '127.0.0.1',
  imapPort: 40143,
  desKey: "abc'def\\ghijklmnopqrstuv",
};

describe('private Roundcube configuration', () => {
  it('listens on loopback only, with every path of its own in the temp folder', () => {
    const nginx = renderNginxConfig(layout);
    expect(nginx.match(/listen .*;/g)).toEqual(['listen 127.0.0.1:41234;']);
    expect(nginx).toContain('pid /tmp/rc-x/nginx.pid;');
    expect(nginx).toContain('fastcgi_pass unix:/tmp/rc-x/php-fpm.sock;');
    // Absolute includes only: relative ones would resolve against the temp folder.
    for (const [, path] of nginx.matchAll(/include (\S+);/g))
      expect(path).toMatch(/^\/etc\/nginx\//);
    expect(nginx).not.toMatch(/sites-enabled|conf\.d/);
  });

  it('gives php-fpm a private socket and points Roundcube at the private config folder', () => {
    const fpm = renderPhpFpmConfig(layout);
    expect(fpm).toContain('listen = /tmp/rc-x/php-fpm.sock');
    expect(fpm).toContain('daemonize = no');
    expect(fpm).toContain('env[ROUNDCUBE_CONFIG_DIR] = /tmp/rc-x/config');
    expect(fpm).not.toContain('include=');
  });

  it('logs in to the given IMAP server over plain IMAP, with SQLite in the temp folder and no plugins', () => {
    const config = renderRoundcubeConfig(layout);
    expect(config).toContain("$config['imap_host'] = '127.0.0.1:40143';");
    expect(config).toContain(
      "$config['db_dsnw'] = 'sqlite:////tmp/rc-x/db/roundcube.sqlite?mode=0640';",
    );
    expect(config).toContain("$config['plugins'] = [];");
    expect(config).toContain("$config['des_key'] = 'abc\\'def\\\\ghijklmnopqrstuv';");
  });
});
