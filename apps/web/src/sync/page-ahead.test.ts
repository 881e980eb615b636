import 'fake-indexeddb/auto';
import type { MessageList } from '@petrel/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineHarness } from '../testing/engine-harness.ts';
import { FakeServer } from '../testing/fake-server.ts';
import { firstPageSize } from './listing.ts';
import { PageAhead } from './page-ahead.ts';

const EMPTY: MessageList = { messages: [], nextCursor: null, state: null };

describe('PageAhead', () => {
  it('hands out a page only once, for the cursor it was fetched for, with no change since', async () => {
    const ahead = new PageAhead();
    ahead.request('c2', 0, async () => EMPTY);
    expect(ahead.take('c3', 0)).toBeNull();
    ahead.request('c2', 0, async () => EMPTY);
    expect(ahead.take('c2', 1)).toBeNull();
    ahead.request('c2', 0, async () => EMPTY);
    await expect(ahead.take('c2', 0)).resolves.toBe(EMPTY);
    expect(ahead.take('c2', 0)).toBeNull();
  });

  it('leaves a failed fetch that nobody takes unreported, and reports it to whoever takes it', async () => {
    const ahead = new PageAhead();
    ahead.request('c2', 0, () => Promise.reject(new Error('offline')));
    await expect(ahead.take('c2', 0)).rejects.toThrow('offline');
    ahead.request('c3', 0, () => Promise.reject(new Error('offline')));
    expect(ahead.take(null, 0)).toBeNull();
  });
});

describe('pipelined listing', () => {
  let harness: ReturnType<typeof engineHarness>;
  afterEach(() => harness.close());

  it('requests the next page while the current one is being stored', async () => {
    // The newest page, then 4 pages of 500.
    const server = new FakeServer().addFolder(
      'INBOX',
      firstPageSize(innerHeight) + 2_000,
      '\\Inbox',
    );
    harness = engineHarness(server);
    const storedCursorAtRequest: Array<string | null> = [];
    const requestedCursors: Array<string | undefined> = [];
    const list = server.listMessages.bind(server);
    server.listMessages = async (folder, page) => {
      requestedCursors.push(page.cursor);
      storedCursorAtRequest.push((await harness.db.syncState.get(folder))?.cursor ?? null);
      return list(folder, page);
    };
    await harness.engine.start();
    await harness.idle();

    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
    // Pages 3, 4 and 5 were asked for while the page before them was not stored yet.
    expect(requestedCursors).toHaveLength(5);
    for (const index of [2, 3, 4]) {
      expect(storedCursorAtRequest[index]).toBe(requestedCursors[index - 1]);
    }
  });

  it('does not store a page fetched ahead when an expunge was applied meanwhile', async () => {
    const server = new FakeServer().addFolder('INBOX', 1_200, '\\Inbox');
    harness = engineHarness(server);
    const expunged = 300; // on the third page: 1,200 → the newest 30 to 100, then 500 a page
    let trapped = false;
    const list = server.listMessages.bind(server);
    server.listMessages = async (folder, page) => {
      const result = await list(folder, page);
      if (!trapped && result.messages.some((message) => message.uid === expunged)) {
        trapped = true;
        server.expunge('INBOX', expunged);
        const id = '1700000000000-1';
        harness.source().emit({
          id,
          type: 'messagesVanished',
          folder: 'INBOX',
          uids: [expunged],
          prevState: null,
          state: server.state('INBOX'),
        });
        await vi.waitFor(async () =>
          expect((await harness.db.meta.get('lastEventId'))?.value).toBe(id),
        );
      }
      return result;
    };
    await harness.engine.start();
    await harness.idle();

    expect(trapped).toBe(true);
    expect(await harness.uidsOf('INBOX')).toEqual(server.uids('INBOX'));
  });
});
