import { performAction } from '../sync/perform-action.ts';
import { api, session } from './session.ts';
import type { ActionKind, ActionResult } from './types.ts';

/**
 * Applies a user action to messages by id: the cache changes at once, the server is asked
 * in the background of the returned promise. Moves (and archive, delete, junk) return an
 * `undo` valid for a few seconds. Fails in words, never by throwing.
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
      { api, db: runtime.db, now: Date.now, newOpId: () => crypto.randomUUID() },
      kind,
      ids,
      options ?? {},
      (folder) => void runtime.resyncFolder(folder).catch(() => undefined),
    );
  } catch (error) {
    // Only the local database can fail here (e.g. storage full); the server's failures
    // come back as results.
    return { ok: false, message: error instanceof Error ? error.message : 'The action failed.' };
  }
}

/** Lists a folder again without emptying it; resolves when the listing is complete. */
export async function resyncFolder(folder: string): Promise<void> {
  await session.get().runtime?.resyncFolder(folder);
}
