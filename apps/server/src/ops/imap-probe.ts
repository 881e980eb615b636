import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ImapServerConfig } from '../imap/connect.ts';
import { tlsOptions } from '../imap/connect.ts';

export interface ProbeOptions {
  timeoutMs: number;
  /** How long a result is reused, so a load balancer polling every second costs little. */
  cacheMs: number;
}

/**
 * Readiness: can a TCP (or, for implicit TLS, a verified TLS) connection to the IMAP server
 * be opened, and does it greet with `* OK` or `* PREAUTH` (RFC 9051 §7.1)? Results are
 * cached for `cacheMs`, and concurrent callers share one probe in flight.
 */
export function createImapProbe(server: ImapServerConfig, options: ProbeOptions): () => Promise<boolean> {
  let cached: { ok: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;
  return () => {
    if (cached && Date.now() - cached.at < options.cacheMs) return Promise.resolve(cached.ok);
    inFlight ??= probeGreeting(server, options.timeoutMs).then((ok) => {
      cached = { ok, at: Date.now() };
      inFlight = null;
      return ok;
    });
    return inFlight;
  };
}

function probeGreeting(server: ImapServerConfig, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: Socket;
    try {
      socket =
        server.tls === 'implicit'
          ? tlsConnect({ host: server.host, port: server.port, servername: servername(server.host), ...tlsOptions(server) })
          : tcpConnect({ host: server.host, port: server.port });
    } catch {
      resolve(false);
      return;
    }
    let received = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n') || received.length > 1024) done(/^\* (OK|PREAUTH)\b/i.test(received));
    });
  });
}

/** SNI takes a host name, never an IP literal (RFC 6066 §3). */
function servername(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}
