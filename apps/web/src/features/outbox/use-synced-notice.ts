import { useEffect, useRef } from 'react';
import { useSyncStatus } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';
import { plural } from '../ui/format.ts';

/** After a backlog was sent (back online): a short "N changes synced". */
export function useSyncedNotice(): void {
  const { synced } = useSyncStatus();
  const notify = useNotify();
  const shown = useRef<number | null>(synced?.at ?? null);
  useEffect(() => {
    if (synced === null || shown.current === synced.at) return;
    shown.current = synced.at;
    notify({ text: `${plural(synced.count, 'change', 'changes')} synced.` });
  }, [synced, notify]);
}
