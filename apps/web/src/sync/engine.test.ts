import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { messageCount } from '../db/message-counts.ts';
import { engineHarness } from '../testing/engine-harness.ts';
import { startHeadStart } from './head-start.ts';
import { firstPageSize } from './listing.ts';
import { header } from '../testing/fixtures.ts';
import { FakeServer } from '../testing/fake-server.ts';

let harness: ReturnType<typeof engineHarness>;
afterEach(() => harness.close());

function mailbox(): FakeServer {
  return new FakeServer()
    .addFolder('Zeta', 5)
    .addFolder('Archive', 30, '\\Archive')
    .addFolder('INBOX', 1_200, '\\Inbox')
    .addFolder('Sent', 0, '\\Sent');
}

describe('initial sync', () => {
  it('lists the newest page of every folder, Inbox first, then older pages in the background', async () => {
    const server = mailbox();
    harness = engineHarness(server);
    const progress: string[] = [];
    harness.status.subscribe(() => {
      const p = harness.status.get().progress;
      if (p) progress.push(`${p.folder} ${p.done}/${p.total}`);
    });

    await harness.engine.start();
    await harness.idle();

    const lists = server.calls.filter((call) => call.startsWith('list'));
    // Inbox's newest page is asked for together with the folder list, not after it.
    expect(server.calls.slice(0, 2)).toEqual(['list INBOX', 'folders']);
    // Then Inbox's second page is asked for while its first is stored.
    expect(lists.slice(0, 5).map((call) => call.split(' ').slice(0, 2).join(' '))).toEqual([
      'list INBOX',
      'list INBOX',
      'list Sent',
      'list Archive',
      'list Zeta',
    ]);
    // The newest page (as many as the window shows), then pages of 500 with cursors.
    const first = firstPageSize(innerHeight);
    expect(lists.filter((call) => call.startsWith('list INBOX'))).toHaveLength(4);
    expect(progress).toEqual([`INBOX ${first + 500}/1200`, `INBOX ${first + 1000}/1200`]);
    expect(harness.status.get().progress).toBeNull();

    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    const inbox = await harness.db.syncState.get('INBOX');
    expect(inbox).toMatchObject({ phase: 'idle', cursor: null, error: null });
    expect(await messageCount(harness.db, 'INBOX')).toBe(1_200);
    expect(inbox?.state).not.toBeNull();
    expect(await harness.db.folders.count()).toBe(4);
  });
});

describe('head start', () => {
  it('takes the folder list and Inbox page requested at sign-in instead of asking again', async () => {
    const server = mailbox();
    const headStart = startHeadStart(server);
    expect(server.calls).toEqual(['folders', 'list INBOX']);
    harness = engineHarness(server, { headStart });

    await harness.engine.start();
    await harness.idle();

    expect(server.calls.filter((call) => call === 'folders')).toHaveLength(1);
    const inboxPages = server.calls.filter((call) => call.startsWith('list INBOX'));
    // The sign-in's newest 100, then older pages of 500, 500 and 100: none asked twice.
    expect(inboxPages).toHaveLength(4);
    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    expect(await harness.db.folders.count()).toBe(4);

    // A later pass asks the server again: the head start is used once.
    server.calls.length = 0;
    await harness.engine.syncAll();
    expect(server.calls).toContain('folders');
  });
});

describe('catch-up', () => {
  it('applies changes since the stored token without listing again', async () => {
    const server = new FakeServer().addFolder('INBOX', 20, '\\Inbox');
    harness = engineHarness(server);
    await harness.engine.start();
    await harness.idle();

    server.deliver('INBOX', 2);
    server.setFlags('INBOX', 5, ['\\Seen']);
    server.expunge('INBOX', 7);
    server.calls.length = 0;
    await harness.engine.syncAll();

    expect(server.calls).toEqual(['folders', 'changes INBOX']);
    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    expect((await harness.db.messages.get(server.message('INBOX', 5)?.id ?? ''))?.flags).toEqual([
      '\\Seen',
    ]);
    expect((await harness.db.syncState.get('INBOX'))?.state).toBe(server.state('INBOX'));
  });

  it('re-syncs on cannotCalculateChanges, deleting only what is gone', async () => {
    const server = new FakeServer().addFolder('INBOX', 300, '\\Inbox');
    harness = engineHarness(server);
    await harness.engine.start();
    await harness.idle();
    const before = await harness.db.messages.count();

    server.expunge('INBOX', 10);
    server.setFlags('INBOX', 20, ['\\Seen']);
    const [fresh] = server.deliver('INBOX', 1);
    server.cannotCalculate.add('INBOX');
    const deleted: string[] = [];
    harness.db.messages.hook('deleting', (id) => {
      deleted.push(id);
    });

    await harness.engine.syncAll();
    await harness.idle();

    expect(before).toBe(300);
    expect(deleted).toEqual([header(10).id]);
    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    expect(await harness.db.messages.get(fresh?.id ?? '')).toBeDefined();
    expect((await harness.db.messages.get(server.message('INBOX', 20)?.id ?? ''))?.flags).toEqual([
      '\\Seen',
    ]);
  });

  it('after a UIDVALIDITY change replaces every row and keeps cached bodies by Message-ID', async () => {
    const server = new FakeServer().addFolder('INBOX', 150, '\\Inbox');
    harness = engineHarness(server);
    await harness.engine.start();
    await harness.idle();
    const old = server.message('INBOX', 42);
    if (!old) throw new Error('fixture');
    await harness.db.bodies.put({
      id: old.id,
      html: null,
      text: 'cached',
      attachments: [],
      inline: [],
      tooComplex: false,
      lastReadAt: 1,
      fetchedAt: 1,
    });

    server.renumber('INBOX');
    await harness.engine.syncAll();
    await harness.idle();

    const rows = await harness.db.messages.toArray();
    expect(rows).toHaveLength(150);
    expect(new Set(rows.map((row) => row.uidValidity))).toEqual(new Set([1_700_000_001]));
    const renumbered = rows.find((row) => row.messageId === old.messageId);
    expect((await harness.db.bodies.get(renumbered?.id ?? ''))?.text).toBe('cached');
    expect(await harness.db.bodies.get(old.id)).toBeUndefined();
  });

  it('resyncFolder resolves once the listing is complete and keeps rows visible', async () => {
    const server = new FakeServer().addFolder('INBOX', 700, '\\Inbox');
    harness = engineHarness(server);
    await harness.engine.start();
    await harness.idle();
    const deleted: string[] = [];
    harness.db.messages.hook('deleting', (id) => {
      deleted.push(id);
    });

    server.expunge('INBOX', 1);
    await harness.engine.resyncFolder('INBOX');

    expect((await harness.db.syncState.get('INBOX'))?.phase).toBe('idle');
    expect(await harness.db.messages.count()).toBe(699);
    expect(deleted).toEqual([header(1).id]);
  });
});
