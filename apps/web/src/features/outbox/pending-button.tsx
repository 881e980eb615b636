import { useId } from 'react';
import { usePendingChanges } from '../../data/index.ts';
import { countText } from './change-text.ts';

/** The header's "Pending changes" button, with how many changes wait or need attention. */
export function PendingButton({ onOpen }: { onOpen: () => void }) {
  const changes = usePendingChanges() ?? [];
  const descriptionId = useId();
  const problems = changes.some((c) => c.status === 'conflict' || c.status === 'failed');
  return (
    <button
      type="button"
      className={problems ? 'pending-button has-problems' : 'pending-button'}
      aria-haspopup="dialog"
      aria-describedby={descriptionId}
      onClick={onOpen}
    >
      Pending changes
      <span className="pending-count" aria-hidden="true" data-count={changes.length}>
        {changes.length}
      </span>
      <span id={descriptionId} hidden>
        {countText(changes)}
      </span>
    </button>
  );
}
