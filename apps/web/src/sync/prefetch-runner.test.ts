import 'fake-indexeddb/auto';
import type { Attachment, MessageBody } from '@petrel/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { writeRows } from '../db/message-store.ts';
import type { BodyRow, OutboxRow } from '../db/rows.ts';
import { PetrelDb } from '../db/schema.ts';
import { header, row } from '../testing/fixtures.ts';
import { cacheUsage } from './prefetch-inventory.ts';
import { loadInlineImages, partRowId } from './prefetch-part-store.ts';
import { MB } from './prefetch-plan.ts';
import { Prefetcher } from './prefetch-runner.ts';
import type { PrefetchDeps } from './prefetch-runner.ts';
import { DEFAULT_OFFLINE_SETTINGS } from './prefetch-settings.ts';
import type { OfflineSettings } from './prefetch-settings.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const NOW = Date.parse(header(100).date);

let db: PetrelDb;
afterEach(async () => {
  await db.delete();
});

function logo(part: string): Attachment {
  return {
    part,
    filename: 'logo.png',
    contentType: 'image/png',
    size: 100,
    contentId: `logo-${part}@x`,
    disposition: 'inline',
  };
}
const pdf: Attachment = {
  part: '3',
  filename: 'a.pdf',
  contentType: 'application/pdf',
  size: 2000,
  contentId: null,
  disposition: 'attachment',
};

/** Inbox messages 1..count; each body has a cid: logo and a small PDF. */
async function setUp(count: number, settings: Partial<OfflineSettings> = {}) {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  await writeRows(db, { put: Array.from({ length: count }, (_, i) => row(i + 1)), delete: [] });
  const requests: string[] = [];
  const gate = { open: true };
  const deps: PrefetchDeps = {
    db,
    now: () => NOW,
    settings: () => ({ ...DEFAULT_OFFLINE_SETTINGS, ...settings }),
    mayProceed: async () => gate.open,
    api: {
      getMessage: async (id): Promise<MessageBody> => {
        requests.push(`body ${id}`);
        const message = [...Array(count).keys()].map((i) => header(i + 1)).find((h) => h.id === id);
        if (!message) throw ApiError.of('message_not_found', 404);
        return {
          id,
          header: message,
          html: `<p>${message.subject}</p><img src="cid:logo-2@x" alt="logo">`,
          text: null,
          attachments: [pdf],
          inline: [logo('2')],
          headers: [],
        };
      },
    },
    fetch: async (url) => {
      requests.push(`part ${url}`);
      return url.endsWith('/parts/2?inline=1')
        ? new Response(PNG, { headers: { 'content-type': 'image/png' } })
        : new Response(new Uint8Array(1500));
    },
  };
  return { deps, requests, gate, prefetcher: new Prefetcher(deps) };
}

function body(id: string, lastReadAt: number, size = 0): BodyRow {
  return {
    id,
    html: 'x'.repeat(size),
    text: null,
    attachments: [],
    inline: [],
    tooComplex: false,
    lastReadAt,
    fetchedAt: 0,
  };
}

describe('Prefetcher', () => {
  it('fetches the newest Inbox bodies in scope, one message after another, with their parts', async () => {
    const { prefetcher, requests } = await setUp(5, { scope: { kind: 'count', count: 2 } });
    const result = await prefetcher.pass();
    const [newest, next] = [header(5).id, header(4).id];
    expect(result).toMatchObject({ fetched: [newest, next], evicted: [], interrupted: false });
    expect(requests.map((r) => r.replace(/\/api\/messages\/[^/]+/, ''))).toEqual([
      `body ${newest}`,
      'part /parts/2?inline=1',
      'part /parts/3',
      `body ${next}`,
      'part /parts/2?inline=1',
      'part /parts/3',
    ]);
    // Unread prefetched mail ranks by its date, not by when it was fetched.
    expect((await db.bodies.get(newest))?.lastReadAt).toBe(Date.parse(header(5).date));
    expect((await db.parts.get(partRowId(newest, '2')))?.contentType).toBe('image/png');
    expect((await db.parts.get(partRowId(newest, '3')))?.bytes).toBe(1500);
    expect(await prefetcher.pass()).toMatchObject({ fetched: [], evicted: [] });
  });

  it('leaves attachments alone when they are not wanted, and removes those stored', async () => {
    const { prefetcher, deps } = await setUp(1);
    await prefetcher.pass();
    const id = header(1).id;
    expect(await db.parts.where('messageId').equals(id).count()).toBe(2);
    const lean = new Prefetcher({
      ...deps,
      settings: () => ({ ...DEFAULT_OFFLINE_SETTINGS, saveAttachments: false }),
    });
    await lean.pass();
    expect((await db.parts.where('messageId').equals(id).primaryKeys()).sort()).toEqual([
      partRowId(id, '2'),
    ]);
  });

  it('evicts the least recently read over the cap, never a message with a queued action', async () => {
    const { prefetcher } = await setUp(0, { capMb: 5, prefetch: false });
    await db.bodies.bulkPut([
      body('read-first', 1, 2 * MB),
      body('pinned', 2, 2 * MB),
      body('read-later', 3, 2 * MB),
      body('read-last', 4, 2 * MB),
    ]);
    await db.parts.put({
      id: 'read-first/2',
      messageId: 'read-first',
      part: '2',
      contentType: 'image/png',
      data: PNG.buffer,
      bytes: PNG.byteLength,
      fetchedAt: 0,
    });
    // Only the indexed fields matter to the cache; the rest is the outbox's business.
    await db.outbox.put({
      opId: 'op',
      seq: 1,
      messageId: 'pinned',
      status: 'pending',
    } as unknown as OutboxRow);
    const result = await prefetcher.pass();
    expect(result.evicted).toEqual(['read-first', 'read-later']);
    expect((await db.bodies.toCollection().primaryKeys()).sort()).toEqual(['pinned', 'read-last']);
    expect(await db.parts.count()).toBe(0);
  });

  it('does not prefetch over the cap, and keeps what the user read more recently', async () => {
    const { prefetcher, requests } = await setUp(3, { capMb: 5 });
    await db.bodies.put(body('read-now', NOW, 5 * MB - 1_000));
    const result = await prefetcher.pass();
    expect(result.fetched).toEqual([]);
    expect(requests).toEqual([]);
    expect(await db.bodies.get('read-now')).toBeDefined();
  });

  it('stops as soon as requests are unwelcome (offline, user busy and stopped)', async () => {
    const { prefetcher, requests, gate } = await setUp(3);
    gate.open = false;
    expect(await prefetcher.pass()).toMatchObject({ fetched: [], interrupted: true });
    expect(requests).toEqual([]);
  });

  it('stops the pass when the network fails, skips a message the server refuses', async () => {
    const { deps, requests } = await setUp(3);
    const failing = new Prefetcher({
      ...deps,
      api: {
        getMessage: async (id) => {
          requests.push(id);
          throw id === header(3).id
            ? ApiError.of('message_not_found', 404)
            : ApiError.of('network');
        },
      },
    });
    expect(await failing.pass()).toMatchObject({ fetched: [], interrupted: true });
    expect(requests).toEqual([header(3).id, header(2).id]);
  });

  it('never overwrites a body the user opened while it was being prefetched', async () => {
    const { deps } = await setUp(1);
    const id = header(1).id;
    const racing = new Prefetcher({
      ...deps,
      api: {
        getMessage: async (messageId) => {
          const message = await deps.api.getMessage(messageId);
          await db.bodies.put(body(id, NOW));
          return message;
        },
      },
    });
    await racing.pass();
    expect((await db.bodies.get(id))?.lastReadAt).toBe(NOW);
  });

  it('removes parts whose message is no longer cached', async () => {
    const { prefetcher } = await setUp(0);
    await db.parts.put({
      id: 'gone/2',
      messageId: 'gone',
      part: '2',
      contentType: 'image/png',
      data: PNG.buffer,
      bytes: 12,
      fetchedAt: 0,
    });
    await prefetcher.pass();
    expect(await db.parts.count()).toBe(0);
  });
});

describe('loadInlineImages', () => {
  it('fetches once, stores, and serves data: URLs from the cache afterwards', async () => {
    const { deps, requests } = await setUp(1);
    const id = header(1).id;
    const first = await loadInlineImages(deps, id, [logo('2')]);
    expect(first.get('2')).toMatch(/^data:image\/png;base64,/);
    const offline = { ...deps, fetch: () => Promise.reject(new TypeError('offline')) };
    expect(await loadInlineImages(offline, id, [logo('2')])).toEqual(first);
    expect(requests).toHaveLength(1);
  });

  it('leaves out what is not a raster image, and what cannot be fetched now', async () => {
    const { deps } = await setUp(1);
    const id = header(1).id;
    // Part 4 answers with zero bytes: no image signature, stored as refused.
    const urls = await loadInlineImages(deps, id, [logo('4')]);
    expect(urls.size).toBe(0);
    expect(await db.parts.get(partRowId(id, '4'))).toMatchObject({ data: null, bytes: 0 });
    const offline = { ...deps, fetch: () => Promise.reject(new TypeError('offline')) };
    expect((await loadInlineImages(offline, id, [logo('5')])).size).toBe(0);
    expect(await db.parts.get(partRowId(id, '5'))).toBeUndefined();
  });

  it('counts stored parts in the cache usage', async () => {
    const { deps } = await setUp(1);
    await db.bodies.put(body('m', 1, 100));
    await loadInlineImages(deps, 'm', [logo('2')]);
    const usage = await cacheUsage(db);
    expect(usage.messages).toBe(1);
    expect(usage.bytes).toBeGreaterThan(100 + PNG.byteLength);
  });
});
