import { useEffect, useEffectEvent } from 'react';
import { shortcutFor } from './shortcuts.ts';
import type { Shortcut } from './shortcuts.ts';

/** Document-level keyboard shortcuts; they stand down while a modal dialog is open. */
export function useShortcuts(run: (shortcut: Shortcut) => void): void {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || document.querySelector('[aria-modal="true"]') !== null) return;
    const shortcut = shortcutFor(event);
    if (shortcut === null) return;
    event.preventDefault();
    run(shortcut);
  });
  useEffect(() => {
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
