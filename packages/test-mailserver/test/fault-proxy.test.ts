import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImap, FaultProxy, startMailServer, type MailServer } from '../src/index.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-password' };

describe('FaultProxy', () => {
  let server: MailServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startMailServer({ users: [alice] });
    proxy = await FaultProxy.start({ target: server });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.stop();
  });

  it('forwards IMAP and counts connections', async () => {
    const before = proxy.totalConnections;
    const client = await connectImap(proxy, alice);
    expect(proxy.activeConnections).toBe(1);
    expect(proxy.totalConnections).toBe(before + 1);
    expect((await client.list()).map((f) => f.path)).toContain('INBOX');
    await client.logout();
    await waitFor(() => proxy.activeConnections === 0);
  });

  it('cutAll() closes the client side', async () => {
    const client = await connectImap(proxy, alice);
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', () => {});
    proxy.cutAll();
    await closed;
    expect(proxy.activeConnections).toBe(0);
  });

  it('stall() holds traffic back until it ends', async () => {
    const client = await connectImap(proxy, alice);
    proxy.stall(300);
    const started = Date.now();
    await client.noop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await client.logout();
  });

  it('cutOnCommand() cuts the connection before the command reaches the server', async () => {
    const client = await connectImap(proxy, alice);
    client.on('error', () => {});
    const cut = proxy.cutOnCommand(/SELECT/);
    await expect(client.mailboxOpen('INBOX')).rejects.toThrow();
    await cut;
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(FaultProxy.start({ target: server, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}
