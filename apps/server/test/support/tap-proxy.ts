import { connect, createServer, type Server, type Socket } from 'node:net';

type Rewrite = (text: string) => string;

/**
 * A loopback TCP proxy that records every byte in both directions, so a test can read what
 * really went over the wire to the IMAP server (not what a client's log says it sent).
 * Optionally rewrites what the server sends, as an attacker on the network path could: e.g.
 * strip STARTTLS from the capabilities. Bytes are kept as latin1 text (one char per byte).
 */
export class TapProxy {
  toServer = '';
  toClient = '';
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }, rewriteFromServer?: Rewrite, host = '127.0.0.1'): Promise<TapProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('TapProxy has no TCP address');
    const proxy = new TapProxy(server, host, address.port);
    server.on('connection', (client) => proxy.accept(client, target, rewriteFromServer));
    return proxy;
  }

  /** Client→server lines (CRLF-separated), for checking which commands were sent. */
  sentLines(): string[] {
    return this.toServer.split('\r\n').filter((line) => line !== '');
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }, rewrite: Rewrite | undefined): void {
    const upstream = connect(target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      this.toServer += chunk.toString('latin1');
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      this.toClient += text;
      client.write(rewrite ? Buffer.from(rewrite(text), 'latin1') : chunk);
    });
  }
}
