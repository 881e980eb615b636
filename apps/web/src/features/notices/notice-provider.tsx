import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { NoticeContext } from './notice-context.ts';
import type { NoticeInput } from './notice-context.ts';

interface Notice extends NoticeInput {
  id: number;
}

const DEFAULT_DURATION_MS = 6_000;
const MAX_NOTICES = 4;
let nextId = 1;

/**
 * Holds the notices and renders their regions. Both regions are in the DOM from the start,
 * since screen readers only announce changes to live regions they already know.
 */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((notice: NoticeInput) => {
    setNotices((current) => [...current, { ...notice, id: nextId++ }].slice(-MAX_NOTICES));
  }, []);
  const dismiss = useCallback((id: number) => {
    setNotices((current) => current.filter((notice) => notice.id !== id));
  }, []);

  const byTone = (tone: 'info' | 'error') =>
    notices
      .filter((notice) => (notice.tone ?? 'info') === tone)
      .map((notice) => <NoticeItem key={notice.id} notice={notice} onDismiss={dismiss} />);

  return (
    <NoticeContext value={notify}>
      {children}
      <div className="notices">
        <div role="alert" className="notice-stack">
          {byTone('error')}
        </div>
        <div role="status" aria-label="Notifications" className="notice-stack">
          {byTone('info')}
        </div>
      </div>
    </NoticeContext>
  );
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  const [paused, setPaused] = useState(false);
  const [busy, setBusy] = useState(false);
  const { id, tone, durationMs } = notice;

  useEffect(() => {
    if (tone === 'error' || paused) return;
    const timer = window.setTimeout(() => onDismiss(id), durationMs ?? DEFAULT_DURATION_MS);
    return () => window.clearTimeout(timer);
  }, [id, tone, durationMs, paused, onDismiss]);

  const runAction = async () => {
    if (notice.action === undefined) return;
    setBusy(true);
    try {
      await notice.action.run();
    } finally {
      onDismiss(id);
    }
  };

  return (
    <div
      className={tone === 'error' ? 'notice notice-error' : 'notice'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="notice-text">{notice.text}</span>
      {notice.action && (
        <button type="button" disabled={busy} onClick={() => void runAction()}>
          {notice.action.label}
        </button>
      )}
      <button
        type="button"
        className="notice-dismiss"
        aria-label="Dismiss"
        onClick={() => onDismiss(id)}
      >
        ×
      </button>
    </div>
  );
}
