import { useEffect, useRef, useState } from 'react';
import type { MessageListView } from '../../data/index.ts';

/** Selected ids, each with the row index it had when selected (to find the row again). */
export type SelectedIds = ReadonlyMap<string, number>;

interface SelectionState {
  folder: string;
  ids: SelectedIds;
  /** Where the last plain click or toggle happened; shift-click ranges start here. */
  anchor: number | null;
}

export interface Selection {
  ids: SelectedIds;
  toggle(index: number, id: string): void;
  /** Adds rows from the anchor to `index` (shift-click). */
  selectRange(index: number): void;
  /**
   * Selects every message of the folder, loaded or not, or clears when all are selected
   * already. Resolves once the selection changed.
   */
  toggleAll(): Promise<void>;
  clear(): void;
}

/**
 * Multi-selection in one folder; changing folder starts empty. Clicks and ranges select
 * loaded rows; "select all" takes every id of the folder from the data layer, so it covers
 * rows never scrolled to (100,000 ids are a small map; the rows stay unloaded).
 */
export function useSelection(folder: string, view: MessageListView): Selection {
  const [state, setState] = useState<SelectionState>(() => emptyIn(folder));
  const shownFolder = useRef(folder);
  useEffect(() => {
    shownFolder.current = folder;
  }, [folder]);
  // Bumped by every change, so ids that arrive late never undo a newer one.
  const changes = useRef(0);
  const select = (next: SelectionState) => {
    changes.current += 1;
    setState(next);
  };
  const current = state.folder === folder ? state : emptyIn(folder);

  return {
    ids: current.ids,
    toggle(index, id) {
      const ids = new Map(current.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.set(id, index);
      select({ folder, ids, anchor: index });
    },
    selectRange(index) {
      const anchor = current.anchor ?? index;
      const ids = new Map(current.ids);
      for (const [id, row] of loadedRows(
        view,
        Math.min(anchor, index),
        Math.max(anchor, index) + 1,
      ))
        ids.set(id, row);
      select({ folder, ids, anchor });
    },
    async toggleAll() {
      if (current.ids.size > 0 && current.ids.size >= view.count) {
        select(emptyIn(folder));
        return;
      }
      // The loaded rows at once (the checkbox answers the click), the rest when read.
      select({ folder, ids: new Map(loadedRows(view, 0, view.count)), anchor: null });
      const requested = changes.current;
      const all = await view.allIds();
      if (changes.current !== requested || shownFolder.current !== folder) return;
      select({ folder, ids: new Map(all.map((id, index) => [id, index])), anchor: null });
    },
    clear() {
      select(emptyIn(folder));
    },
  };
}

/** [id, index] of the loaded rows in [start, end). */
export function loadedRows(view: MessageListView, start: number, end: number): [string, number][] {
  const rows: [string, number][] = [];
  for (let index = start; index < end; index += 1) {
    const row = view.rowAt(index);
    if (row !== undefined) rows.push([row.id, index]);
  }
  return rows;
}

function emptyIn(folder: string): SelectionState {
  return { folder, ids: new Map(), anchor: null };
}
