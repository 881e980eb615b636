import { useState } from 'react';
import { discardChange, dismissChange, retryChange, usePendingChanges } from '../../data/index.ts';
import type { PendingChange } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';
import { Dialog } from '../ui/dialog.tsx';
import { changeLabel, statusText } from './change-text.ts';

/**
 * Every change not yet confirmed by the server, oldest first: queued ones can be sent now
 * (Retry) or dropped (Discard, which shows the message as the server has it again);
 * conflicts stay listed until dismissed.
 */
export function PendingDialog({ onClose }: { onClose: () => void }) {
  const changes = usePendingChanges();
  return (
    <Dialog title="Pending changes" onClose={onClose}>
      {changes !== undefined && changes.length === 0 && <p>Every change has reached the server.</p>}
      <ul className="pending-list" aria-label="Changes">
        {(changes ?? []).map((change) => (
          <ChangeItem key={change.opId} change={change} />
        ))}
      </ul>
    </Dialog>
  );
}

function ChangeItem({ change }: { change: PendingChange }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch {
      notify({ tone: 'error', text: 'That did not work. Please try again.' });
    } finally {
      setBusy(false);
    }
  };
  const label = `${changeLabel(change)}: ${change.subject || '(no subject)'}`;
  const inFlight = change.status === 'sending';
  return (
    <li className={`pending-item pending-${change.status}`} aria-label={label}>
      <span className="pending-what">{label}</span>
      <span className="pending-state">{statusText(change)}</span>
      {change.status === 'conflict' ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => dismissChange(change.opId))}
        >
          Dismiss
        </button>
      ) : (
        <>
          <button
            type="button"
            disabled={busy || inFlight}
            onClick={() => void run(() => retryChange(change.opId))}
          >
            Retry
          </button>
          <button
            type="button"
            disabled={busy || inFlight}
            onClick={() => void run(() => discardChange(change.opId))}
          >
            Discard
          </button>
        </>
      )}
    </li>
  );
}
