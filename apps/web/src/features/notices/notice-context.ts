import { createContext, useContext } from 'react';

export interface NoticeInput {
  text: string;
  /** Errors stay until dismissed and are announced assertively. */
  tone?: 'info' | 'error';
  action?: { label: string; run: () => void | Promise<void> };
  /** How long an info notice stays; paused while the pointer or focus is on it. */
  durationMs?: number;
}

export type Notify = (notice: NoticeInput) => void;

export const NoticeContext = createContext<Notify>(() => {});

/** Shows a short message to the user (the app's toast and status region). */
export function useNotify(): Notify {
  return useContext(NoticeContext);
}
