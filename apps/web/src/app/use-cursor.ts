import { useState } from 'react';

export interface Cursor {
  /** The row keyboard commands act on, kept within the list. */
  index: number;
  /** Set when the keyboard moved the cursor, so the list moves focus to that row. */
  focusRequest: { index: number } | null;
  set(index: number): void;
  moveTo(index: number): void;
}

/** The keyboard cursor in one folder's list; another folder starts at the top. */
export function useCursor(folder: string, count: number): Cursor {
  const [state, setState] = useState<{
    folder: string;
    index: number;
    focus: { index: number } | null;
  }>({
    folder,
    index: 0,
    focus: null,
  });
  const current = state.folder === folder ? state : { folder, index: 0, focus: null };
  return {
    index: Math.max(0, Math.min(current.index, count - 1)),
    focusRequest: current.focus,
    set(index) {
      setState({ folder, index, focus: null });
    },
    moveTo(index) {
      setState({ folder, index, focus: { index } });
    },
  };
}
