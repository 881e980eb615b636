import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { OtherDevice, startMailServer, type MailServer } from '../src/index.ts';

const alice = { email: 'alice@petrel.test', password: 'alice-password' };
const carol = { email: 'carol@petrel.test', password: 'carol-password' };

function message(subject: string, date: Date): Buffer {
  return Buffer.from(
    `From: Bob <bob@example.com>\r\nTo: alice@petrel.test\r\nSubject: ${subject}\r\n` +
      `Date: ${date.toUTCString()}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\r\n\r\nHello ${subject}\r\n`,
  );
}

describe('private Dovecot', () => {
  let server: MailServer;
  beforeAll(async () => {
    server = await startMailServer({ users: [alice, carol], tls: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in with imapflow and lists the special-use folders', async () => {
    const device = await OtherDevice.connect(server, alice);
    const folders = await device.folders();
    await device.close();
    const byUse = Object.fromEntries(folders.map((f) => [f.specialUse, f.path]));
    expect(byUse).toMatchObject({
      '\\Drafts': 'Drafts',
      '\\Sent': 'Sent',
      '\\Trash': 'Trash',
      '\\Junk': 'Junk',
      '\\Archive': 'Archive',
    });
    expect(folders.map((f) => f.path)).toContain('INBOX');
  });

  it('refuses a wrong password', async () => {
    await expect(OtherDevice.connect(server, { ...alice, password: 'wrong' })).rejects.toThrow();
  });

  it('advertises CONDSTORE and QRESYNC', async () => {
    const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: false, auth: { user: alice.email, pass: alice.password }, logger: false });
    await client.connect();
    expect(client.capabilities.has('CONDSTORE')).toBe(true);
    expect(client.capabilities.has('QRESYNC')).toBe(true);
    await client.logout();
  });

  it('seeds by maildir and by APPEND, keeping flags and internal dates', async () => {
    const date = new Date('2025-03-04T05:06:07Z');
    await server.seed(alice, [
      { folder: 'INBOX', raw: message('direct one', date), flags: ['\\Seen', '\\Flagged'], internalDate: date },
      { folder: 'Projects/Petrel', raw: message('nested', date), flags: [], internalDate: date },
      { folder: 'Reçus', raw: message('non ascii folder', date), flags: ['$Important'], internalDate: date },
    ]);
    const device = await OtherDevice.connect(server, alice);
    const inbox = await device.messages('INBOX');
    expect(inbox.find((m) => m.subject === 'direct one')?.flags).toEqual(['\\Flagged', '\\Seen']);
    expect((await device.messages('Projects/Petrel')).map((m) => m.subject)).toEqual(['nested']);
    expect((await device.messages('Reçus'))[0]?.flags).toContain('$Important');
    await device.close();
  });

  it('reports seeded counts through LIST-STATUS for a mailbox seeded before any other login', async () => {
    const date = new Date('2025-01-02T03:04:05Z');
    await server.seed(carol, [
      { folder: 'INBOX', raw: message('fresh one', date), flags: [], internalDate: date },
      { folder: 'INBOX', raw: message('fresh two', date), flags: ['\\Seen'], internalDate: date },
      { folder: 'Archive', raw: message('archived', date), flags: ['\\Seen'], internalDate: date },
    ]);
    const device = await OtherDevice.connect(server, carol);
    const folders = await device.folders();
    await device.close();
    expect(folders.find((f) => f.path === 'INBOX')).toMatchObject({ messages: 2, unseen: 1 });
    expect(folders.find((f) => f.path === 'Archive')).toMatchObject({ messages: 1, unseen: 0 });
  });

  it('acts from another device: append, flag, move, expunge', async () => {
    const device = await OtherDevice.connect(server, alice);
    const { uid } = await device.append('INBOX', message('from elsewhere', new Date()));
    await device.addFlags('INBOX', [uid], ['\\Seen']);
    const moved = await device.move('INBOX', [uid], 'Archive');
    const newUid = moved.get(uid);
    expect(newUid).toBeTypeOf('number');
    expect((await device.messages('Archive')).map((m) => m.uid)).toContain(newUid);
    await device.expunge('Archive', [newUid!]);
    expect((await device.messages('Archive')).map((m) => m.uid)).not.toContain(newUid);
    await device.close();
  });

  it('serves implicit TLS with a self-signed certificate that verifies against its own CA', async () => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: server.tlsPort!,
      secure: true,
      tls: { ca: [server.certificate!.certPem] },
      auth: { user: alice.email, pass: alice.password },
      logger: false,
    });
    await client.connect();
    expect(client.usable).toBe(true);
    await client.logout();
  });

  it('rejects the self-signed certificate without its CA', async () => {
    const client = new ImapFlow({ host: '127.0.0.1', port: server.tlsPort!, secure: true, auth: { user: alice.email, pass: alice.password }, logger: false });
    client.on('error', () => {});
    await expect(client.connect()).rejects.toThrow();
  });
});
