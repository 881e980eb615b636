import 'fake-indexeddb/auto';
import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncStateRow } from '../db/rows.ts';
import { PetrelDb } from '../db/schema.ts';
import { folder, row, UID_VALIDITY } from '../testing/fixtures.ts';
import { useMessageLookup } from './message.ts';
import { missingMessageStatus } from './message-lookup.ts';

const runtime = vi.hoisted(() => ({ current: null as { db: unknown } | null }));
vi.mock('./session.ts', () => ({ useRuntime: () => runtime.current, api: {} }));

let db: PetrelDb;

beforeEach(() => {
  db = new PetrelDb(`test-${crypto.randomUUID()}`);
  runtime.current = { db };
});

afterEach(async () => {
  await db.delete();
});

function syncState(phase: SyncStateRow['phase']): SyncStateRow {
  return {
    folder: 'INBOX',
    state: null,
    cursor: null,
    phase,
    total: 1,
    lastSyncedAt: null,
    error: null,
  };
}

const ref = { folder: 'INBOX', uidValidity: UID_VALIDITY, uid: 7 };

describe('missingMessageStatus', () => {
  it('waits while the folder was never listed, or is still in its first listing', () => {
    expect(missingMessageStatus(ref, undefined, undefined)).toBe('loading');
    expect(missingMessageStatus(ref, folder('INBOX'), syncState('initial'))).toBe('loading');
  });

  it('is gone once the folder was listed completely', () => {
    expect(missingMessageStatus(ref, folder('INBOX'), syncState('idle'))).toBe('gone');
    expect(missingMessageStatus(ref, folder('INBOX'), syncState('resync'))).toBe('gone');
  });

  it('is gone when the folder has another UIDVALIDITY', () => {
    const recreated = folder('INBOX', { uidValidity: UID_VALIDITY + 1 });
    expect(missingMessageStatus(ref, recreated, syncState('initial'))).toBe('gone');
  });
});

describe('useMessageLookup', () => {
  it('reports a cached message as found', async () => {
    const mail = row(7);
    await db.messages.put(mail);
    const { result } = renderHook(() => useMessageLookup(mail.id));
    await waitFor(() => expect(result.current.status).toBe('found'));
    expect(result.current).toMatchObject({ message: { id: mail.id, subject: 'Message 7' } });
  });

  it('keeps loading a message its folder has not listed yet, and finds it when it arrives', async () => {
    const mail = row(7);
    await db.syncState.put(syncState('initial'));
    const folderRead = vi.spyOn(db.syncState, 'get');
    const statuses: string[] = [];
    const { result } = renderHook(() => {
      const lookup = useMessageLookup(mail.id);
      statuses.push(lookup.status);
      return lookup;
    });
    // The query got as far as asking about the folder before the message arrives.
    await waitFor(() => expect(folderRead).toHaveBeenCalled());
    await db.messages.put(mail);
    await waitFor(() => expect(result.current.status).toBe('found'));
    expect(statuses).not.toContain('gone');
  });

  it('says gone when a fully listed folder does not hold the message', async () => {
    await db.folders.put(folder('INBOX'));
    await db.syncState.put(syncState('idle'));
    const { result } = renderHook(() => useMessageLookup(row(7).id));
    await waitFor(() => expect(result.current.status).toBe('gone'));
  });

  it('says gone when the open message is removed (moved or expunged elsewhere)', async () => {
    const mail = row(7);
    await db.syncState.put(syncState('initial'));
    await db.messages.put(mail);
    const { result } = renderHook(() => useMessageLookup(mail.id));
    await waitFor(() => expect(result.current.status).toBe('found'));
    await db.messages.delete(mail.id);
    await waitFor(() => expect(result.current.status).toBe('gone'));
  });

  it('never answers for the previous id after a switch', async () => {
    const first = row(7);
    await db.messages.put(first);
    const { result, rerender } = renderHook(({ id }) => useMessageLookup(id), {
      initialProps: { id: first.id },
    });
    await waitFor(() => expect(result.current.status).toBe('found'));
    rerender({ id: row(8).id });
    expect(result.current.status).toBe('loading');
  });
});
