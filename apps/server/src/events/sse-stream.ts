import type { ServerResponse } from 'node:http';
import { HEARTBEAT_COMMENT, serializeEvent } from '@petrel/contract';
import type { ServerEvent } from '@petrel/contract';

export interface SseStreamOptions {
  heartbeatMs: number;
  /**
   * Bytes Node may hold for a client that does not read. Past this the stream is dropped
   * rather than buffering without bound; the client reconnects with Last-Event-ID and gets
   * what it missed from the log.
   */
  maxBufferedBytes: number;
}

/**
 * One open `text/event-stream` response (WHATWG HTML §9.2). The caller has written the
 * status line and headers; this writes events and heartbeat comments and tells, through
 * `closed`, when the stream is over for any reason.
 */
export class SseStream {
  /** Resolves once the response has ended or its socket closed. */
  readonly closed: Promise<void>;
  private readonly heartbeat: NodeJS.Timeout;
  private done = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseStreamOptions,
  ) {
    this.closed = new Promise((resolve) => res.once('close', resolve));
    void this.closed.then(() => this.stop());
    // A comment is ignored by EventSource but resets proxies' idle timers, and a failed
    // write is how a vanished client (no FIN, e.g. a sleeping laptop) is finally noticed.
    this.heartbeat = setInterval(() => this.write(HEARTBEAT_COMMENT), options.heartbeatMs);
  }

  get isOpen(): boolean {
    return !this.done;
  }

  /** Returns false when the stream is closed (or was just dropped for backpressure). */
  send(event: ServerEvent): boolean {
    return this.write(serializeEvent(event));
  }

  /** Ends the response normally. */
  end(): void {
    if (this.done) return;
    this.stop();
    this.res.end();
  }

  private write(chunk: string): boolean {
    if (this.done) return false;
    this.res.write(chunk);
    if (this.res.writableLength > this.options.maxBufferedBytes) {
      this.stop();
      this.res.destroy();
      return false;
    }
    return true;
  }

  private stop(): void {
    this.done = true;
    clearInterval(this.heartbeat);
  }
}
