import { join } from 'node:path';

/** Where one private Roundcube instance keeps everything (all inside one temp folder). */
export interface RoundcubeLayout {
  root: string;
  webRoot: string;
  /** 127.0.0.1 port nginx listens on. */
  httpPort: number;
  imapHost: string;
  imapPort: number;
  /** 24 characters, Roundcube's key for the IMAP password in its session. */
  desKey: string;
}

export const layoutPaths = (root: string) => ({
  configDir: join(root, 'config'),
  database: join(root, 'db', 'roundcube.sqlite'),
  databaseDir: join(root, 'db'),
  roundcubeTemp: join(root, 'temp'),
  roundcubeLogs: join(root, 'logs'),
  nginxTemp: join(root, 'nginx-temp'),
  nginxConf: join(root, 'nginx.conf'),
  nginxErrorLog: join(root, 'nginx-error.log'),
  phpFpmConf: join(root, 'php-fpm.conf'),
  phpFpmSocket: join(root, 'php-fpm.sock'),
  phpFpmLog: join(root, 'php-fpm.log'),
});

/** The unprivileged user nginx workers and PHP run as, as in Debian's own setup. */
export const WEB_USER = 'www-data';

const STATIC_TYPES =
  'text/css application/javascript text/javascript application/json image/svg+xml text/plain application/xml';

/**
 * nginx in the foreground with its own pid, logs and temp folders, on one loopback port.
 * Static files get what Roundcube's shipped .htaccess gives them under Apache: compression
 * and a month of caching (the URLs carry a version), so the peer is measured as deployed.
 */
export function renderNginxConfig(l: RoundcubeLayout): string {
  const p = layoutPaths(l.root);
  return `daemon off;
master_process on;
worker_processes auto;
user ${WEB_USER};
pid ${join(l.root, 'nginx.pid')};
error_log ${p.nginxErrorLog} warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  access_log off;
  gzip on;
  gzip_types ${STATIC_TYPES};
  client_max_body_size 25m;
  client_body_temp_path ${join(p.nginxTemp, 'body')};
  proxy_temp_path ${join(p.nginxTemp, 'proxy')};
  fastcgi_temp_path ${join(p.nginxTemp, 'fastcgi')};
  uwsgi_temp_path ${join(p.nginxTemp, 'uwsgi')};
  scgi_temp_path ${join(p.nginxTemp, 'scgi')};
  server {
    listen 127.0.0.1:${l.httpPort};
    server_name localhost;
    root ${l.webRoot};
    index index.php;
    location ~ \\.php$ {
      try_files $fastcgi_script_name =404;
      include /etc/nginx/fastcgi.conf;
      fastcgi_pass unix:${p.phpFpmSocket};
    }
    location / {
      try_files $uri $uri/ =404;
      expires 1M;
    }
  }
}
`;
}

/** A php-fpm master in the foreground with one pool, sized like Debian's default www pool. */
export function renderPhpFpmConfig(l: RoundcubeLayout): string {
  const p = layoutPaths(l.root);
  return `[global]
pid = ${join(l.root, 'php-fpm.pid')}
error_log = ${p.phpFpmLog}
daemonize = no

[roundcube]
user = ${WEB_USER}
group = ${WEB_USER}
listen = ${p.phpFpmSocket}
listen.owner = ${WEB_USER}
listen.group = ${WEB_USER}
listen.mode = 0660
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
; Debian's Roundcube reads its configuration from this folder instead of /etc/roundcube.
env[ROUNDCUBE_CONFIG_DIR] = ${p.configDir}
`;
}

const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Roundcube's config.inc.php: the private Dovecot over plain IMAP on loopback, SQLite, no plugins. */
export function renderRoundcubeConfig(l: RoundcubeLayout): string {
  const p = layoutPaths(l.root);
  return `<?php
$config = [];
$config['db_dsnw'] = ${php(`sqlite:///${p.database}?mode=0640`)};
$config['imap_host'] = ${php(`${l.imapHost}:${l.imapPort}`)};
$config['smtp_host'] = '';
$config['des_key'] = ${php(l.desKey)};
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['enable_spellcheck'] = false;
$config['enable_installer'] = false;
$config['support_url'] = '';
$config['product_name'] = 'Roundcube Webmail';
$config['temp_dir'] = ${php(p.roundcubeTemp + '/')};
$config['log_dir'] = ${php(p.roundcubeLogs + '/')};
// Every bench login comes from the same address within a minute or two.
$config['login_rate_limit'] = 0;
`;
}
