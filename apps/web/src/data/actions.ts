import { discardOp, dismissOp, retryOp } from '../sync/outbox-review.ts';
import { performAction } from '../sync/perform-action.ts';
import { api, session } from './session.ts';
import type { ActionKind, ActionResult } from './types.ts';

/**
 * Applies a user action to messages by id: the cache changes at once and the ops are
 * queued durably; the leader tab sends them when it can. Moves (and archive, delete, junk)
 * return an `undo` valid for a few seconds. Fails in words, never by throwing.
 */
export async function applyAction(
  kind: ActionKind,
  ids: string[],
  options?: { destination?: string },
): Promise<ActionResult> {
  const { runtime } = session.get();
  if (!runtime) return { ok: false, message: 'You are signed out.' };
  try {
    return await performAction(
      {
        db: runtime.db,
        now: Date.now,
        newOpId: () => crypto.randomUUID(),
        replay: () => runtime.replay(),
      },
      kind,
      ids,
      options ?? {},
    );
  } catch (error) {
    // Only the local database can fail here (e.g. storage full); the server's answers come
    // later, through the outbox.
    return { ok: false, message: error instanceof Error ? error.message : 'The action failed.' };
  }
}

/** Lists a folder again without emptying it; resolves when the listing is complete. */
export async function resyncFolder(folder: string): Promise<void> {
  await session.get().runtime?.resyncFolder(folder);
}

/** "Pending changes" → Retry: sends the op again now, with a fresh attempt count. */
export async function retryChange(opId: string): Promise<void> {
  const { runtime } = session.get();
  if (!runtime) return;
  await retryOp(runtime.db, opId, crypto.randomUUID());
  runtime.replay(true);
}

/** "Pending changes" → Discard: drops the op and shows the message as the server has it. */
export async function discardChange(opId: string): Promise<boolean> {
  const { runtime } = session.get();
  return runtime ? discardOp(runtime.db, api, opId) : false;
}

/** A conflict the user has seen. */
export async function dismissChange(opId: string): Promise<void> {
  const { runtime } = session.get();
  if (runtime) await dismissOp(runtime.db, opId);
}
