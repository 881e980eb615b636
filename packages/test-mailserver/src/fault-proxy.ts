import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultProxyOptions {
  /** Where to forward: the test Dovecot. */
  target: { host: string; port: number };
  /** Loopback address to listen on; anything else is refused. */
  host?: string;
  /** Connections beyond this are refused at once, so a runaway test cannot exhaust the host. */
  maxConnections?: number;
}

interface Link {
  client: Socket;
  upstream: Socket;
}

type Direction = 'toServer' | 'toClient';

/**
 * A TCP proxy in front of the test IMAP server that can break things on purpose: cut every
 * connection, stall traffic, swallow a response, or cut when the client sends a given
 * command. Counts connections, so a test can check how many IMAP connections an app opens.
 * Loopback only and bounded; it forwards bytes and knows nothing of IMAP beyond matching
 * the text of what the client sends.
 */
export class FaultProxy {
  /** Connections accepted so far. */
  totalConnections = 0;
  private readonly links = new Set<Link>();
  private stalled = false;
  private stallTimer: NodeJS.Timeout | null = null;
  private dropResponses = 0;
  private cutTriggers: { pattern: RegExp; resolve: () => void }[] = [];
  private replyTriggers: { pattern: RegExp; resolve: () => void }[] = [];
  /** Links whose next server chunk is swallowed and then cut (see loseReplyTo). */
  private readonly losingReply = new Map<Link, () => void>();

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  /** Starts a proxy in front of `options.target` on a free loopback port. */
  static async start(options: FaultProxyOptions): Promise<FaultProxy> {
    const host = options.host ?? '127.0.0.1';
    if (!/^(127\.\d+\.\d+\.\d+|::1)$/.test(host)) throw new Error(`FaultProxy listens on loopback only, not ${host}`);
    const server = createServer();
    server.maxConnections = options.maxConnections ?? 64;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('FaultProxy has no TCP address');
    const proxy = new FaultProxy(server, host, address.port);
    server.on('connection', (client) => proxy.accept(client, options.target));
    return proxy;
  }

  /** Connections open right now. */
  get activeConnections(): number {
    return this.links.size;
  }

  /** Resets every open connection (TCP RST), as a crashed server or a dead NAT would. */
  cutAll(): void {
    for (const link of [...this.links]) this.cut(link);
  }

  /**
   * Stops forwarding in both directions (new connections included) for `ms`, or until
   * resume() when `ms` is omitted. Bytes are held back, not lost: like a network that
   * went silent.
   */
  stall(ms?: number): void {
    this.stalled = true;
    for (const link of this.links) {
      link.client.pause();
      link.upstream.pause();
    }
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = ms === undefined ? null : setTimeout(() => this.resume(), ms);
  }

  resume(): void {
    this.stalled = false;
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = null;
    for (const link of this.links) {
      link.client.resume();
      link.upstream.resume();
    }
  }

  /** Swallows the next chunk the server sends to any client (a response lost in transit). */
  dropNextResponse(): void {
    this.dropResponses += 1;
  }

  /**
   * Cuts the connection on which the client next sends bytes matching `pattern` (e.g.
   * /UID FETCH/), before they reach the server; resolves when it happened.
   */
  cutOnCommand(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => this.cutTriggers.push({ pattern, resolve }));
  }

  /**
   * Lets the next client bytes matching `pattern` reach the server, then swallows the
   * server's reply on that connection and cuts it: the command ran, the client never hears
   * so. Resolves when the connection was cut.
   */
  loseReplyTo(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => this.replyTriggers.push({ pattern, resolve }));
  }

  async close(): Promise<void> {
    this.resume();
    this.cutAll();
    this.cutTriggers = [];
    this.replyTriggers = [];
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    this.totalConnections += 1;
    const upstream = connect(target);
    const link: Link = { client, upstream };
    this.links.add(link);
    if (this.stalled) {
      client.pause();
      upstream.pause();
    }
    client.on('data', (chunk: Buffer) => this.forward(link, 'toServer', chunk));
    upstream.on('data', (chunk: Buffer) => this.forward(link, 'toClient', chunk));
    const end = () => this.cut(link);
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }

  private forward(link: Link, direction: Direction, chunk: Buffer): void {
    if (direction === 'toServer') {
      const text = chunk.toString('latin1');
      const trigger = this.cutTriggers.find((t) => t.pattern.test(text));
      if (trigger) {
        this.cutTriggers.splice(this.cutTriggers.indexOf(trigger), 1);
        this.cut(link);
        trigger.resolve();
        return;
      }
      const replyTrigger = this.replyTriggers.find((t) => t.pattern.test(text));
      if (replyTrigger) {
        this.replyTriggers.splice(this.replyTriggers.indexOf(replyTrigger), 1);
        this.losingReply.set(link, replyTrigger.resolve);
      }
      link.upstream.write(chunk);
      return;
    }
    const lost = this.losingReply.get(link);
    if (lost) {
      this.cut(link);
      lost();
      return;
    }
    if (this.dropResponses > 0) {
      this.dropResponses -= 1;
      return;
    }
    link.client.write(chunk);
  }

  private cut(link: Link): void {
    this.losingReply.delete(link);
    if (!this.links.delete(link)) return;
    link.client.resetAndDestroy();
    link.upstream.resetAndDestroy();
  }
}
