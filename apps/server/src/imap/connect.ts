import { readFileSync } from 'node:fs';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { FastifyBaseLogger } from 'fastify';
import type { Config, PoolConfig } from '../config.ts';

export interface Credentials {
  user: string;
  pass: string;
}

export type ImapServerConfig = Config['imap'];

/**
 * Opens and logs in one ImapFlow to the configured server (users never choose the host).
 * TLS is never optional: implicit TLS, or STARTTLS that must succeed (`doSTARTTLS: true`
 * makes imapflow fail the connection when the server does not offer it, RFC 9051 §6.2.1,
 * instead of silently staying in cleartext); certificates are always verified. Cleartext
 * only for `plain`, which config.ts allows to a loopback host only.
 */
export async function openImapConnection(
  server: ImapServerConfig,
  timing: Pick<PoolConfig, 'connectTimeoutMs' | 'socketTimeoutMs'>,
  credentials: Credentials,
  log: FastifyBaseLogger,
): Promise<ImapFlow> {
  const client = new ImapFlow(imapOptions(server, timing, credentials, log));
  // imapflow emits 'error' once before closing; without a listener Node would throw it.
  client.on('error', (error: Error) => log.debug({ err: error }, 'IMAP connection error'));
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

/** LOGOUT (RFC 9051 §6.1.3), or just close the socket if the server does not answer soon. */
export async function logoutQuietly(client: ImapFlow): Promise<void> {
  if (client.isClosed) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
  await Promise.race([client.logout().catch(() => {}), timeout]);
  client.close();
}

function imapOptions(
  server: ImapServerConfig,
  timing: Pick<PoolConfig, 'connectTimeoutMs' | 'socketTimeoutMs'>,
  credentials: Credentials,
  log: FastifyBaseLogger,
): ImapFlowOptions {
  return {
    host: server.host,
    port: server.port,
    secure: server.tls === 'implicit',
    doSTARTTLS: server.tls === 'starttls' ? true : server.tls === 'plain' ? false : undefined,
    tls: tlsOptions(server),
    auth: { user: credentials.user, pass: credentials.pass },
    logger: imapLogger(log),
    connectionTimeout: timing.connectTimeoutMs,
    greetingTimeout: timing.connectTimeoutMs,
    socketTimeout: timing.socketTimeoutMs,
    // RFC 2177 §3: clients should re-issue IDLE at least every 29 minutes; shorter keeps
    // NAT tables and proxies from forgetting an idling connection.
    maxIdleTime: 5 * 60_000,
    disableAutoIdle: false,
    // RFC 7162: with QRESYNC enabled, Dovecot reports expunges as VANISHED UIDs and includes
    // the UID in unsolicited FETCH FLAGS responses, which the change watcher needs.
    qresync: true,
    clientInfo: { name: 'Petrel' },
  };
}

/** The TLS options of both the pool and the readiness probe. */
export function tlsOptions(server: ImapServerConfig): { rejectUnauthorized: true; minVersion: 'TLSv1.2'; ca?: Buffer } {
  return {
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2',
    ...(server.caFile === null ? {} : { ca: readFileSync(server.caFile) }),
  };
}

/**
 * imapflow logs every command and response at debug, mail content included, and every
 * refused command (a wrong password too) at error with a stack. The pool and the error
 * handler log what matters in their own words, so imapflow's log is only passed on when the
 * operator asks for debug or trace. It masks credentials itself (`sensitive` LOGIN and
 * AUTHENTICATE arguments), and the app logger's redaction covers the rest.
 */
function imapLogger(log: FastifyBaseLogger): FastifyBaseLogger {
  const verbose = log.level === 'debug' || log.level === 'trace';
  return log.child({ source: 'imapflow' }, verbose ? {} : { level: 'silent' });
}
