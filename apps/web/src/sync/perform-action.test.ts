import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { messageCount } from '../db/message-counts.ts';
import { writeRows } from '../db/message-store.ts';
import { PetrelDb } from '../db/schema.ts';
import { folder, row } from '../testing/fixtures.ts';
import { ACTION_BATCH_SIZE, performAction } from './perform-action.ts';
import type { ActionContext } from './perform-action.ts';

const TOTAL = 1_200; // three batches
let db: PetrelDb;
let ctx: ActionContext & { yieldToUi: ReturnType<typeof vi.fn> };
const ids = Array.from({ length: TOTAL }, (_, i) => row(i + 1).id);

beforeEach(async () => {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  await db.folders.bulkPut([
    folder('INBOX', { specialUse: '\\Inbox', total: TOTAL }),
    folder('Archive', { specialUse: '\\Archive' }),
  ]);
  await writeRows(db, { put: ids.map((_, i) => row(i + 1)), delete: [] });
  ctx = {
    db,
    now: () => 1_000,
    newOpId: () => crypto.randomUUID(),
    replay: vi.fn(),
    yieldToUi: vi.fn(async () => {}),
  };
});
afterEach(() => db.delete());

describe('bulk actions on a whole folder', () => {
  it('queues a flag for every message in batches, yielding to the page between them', async () => {
    expect(ACTION_BATCH_SIZE).toBeLessThan(TOTAL);
    const result = await performAction(ctx, 'flag', ids, {});
    expect(result.ok).toBe(true);
    expect(ctx.yieldToUi).toHaveBeenCalledTimes(Math.ceil(TOTAL / ACTION_BATCH_SIZE) - 1);
    expect(await db.outbox.count()).toBe(TOTAL);
    const flagged = await db.messages.filter((r) => r.flags.includes('\\Flagged')).count();
    expect(flagged).toBe(TOTAL);
  });

  it('archives every message and undoes all of it', async () => {
    const result = await performAction(ctx, 'archive', ids, {});
    expect(result.ok).toBe(true);
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([
      0,
      TOTAL,
    ]);
    expect((await db.folders.get('INBOX'))?.total).toBe(0);

    await result.undo?.();
    expect([await messageCount(db, 'INBOX'), await messageCount(db, 'Archive')]).toEqual([
      TOTAL,
      0,
    ]);
    // Unsent moves moved back cancel out: nothing is left to send.
    expect(await db.outbox.count()).toBe(0);
  });

  it('stops at once when the action cannot be done on this account', async () => {
    await db.folders.delete('Archive');
    const result = await performAction(ctx, 'archive', ids, {});
    expect(result).toEqual({ ok: false, message: 'There is no Archive folder on this account.' });
    expect(await db.outbox.count()).toBe(0);
  });
});
