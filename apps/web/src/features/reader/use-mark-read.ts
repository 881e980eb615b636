import { useEffect, useRef } from 'react';
import { applyAction } from '../../data/index.ts';
import type { CachedMessage } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';

/**
 * Opening an unread message marks it read, once per opening, when its body is `shown`: if
 * the user marks it unread again while it is open, it stays unread.
 */
export function useMarkRead(message: CachedMessage | undefined, shown: boolean): void {
  const notify = useNotify();
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (message === undefined || !shown || marked.current === message.id) return;
    marked.current = message.id;
    if (message.flags.includes('\\Seen')) return;
    void applyAction('markRead', [message.id]).then(
      (result) => {
        if (!result.ok)
          notify({ tone: 'error', text: result.message ?? 'Could not mark the message as read.' });
      },
      () => notify({ tone: 'error', text: 'Could not mark the message as read.' }),
    );
  }, [message, shown, notify]);
}
