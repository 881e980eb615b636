import { dismissChange, usePendingChanges } from '../../data/index.ts';
import { changeLabel } from './change-text.ts';

const SHOWN = 3;

/**
 * Changes the server could not apply (message deleted elsewhere, folder gone, …) stay on
 * screen until the user dismisses them: a conflict is never resolved silently.
 */
export function ConflictBanner({ onReview }: { onReview: () => void }) {
  const conflicts = (usePendingChanges() ?? []).filter(
    (change) => change.status === 'conflict' || change.status === 'failed',
  );
  if (conflicts.length === 0) return null;
  return (
    <div role="alert" className="conflict-banner">
      <ul>
        {conflicts.slice(0, SHOWN).map((change) => (
          <li key={change.opId}>
            <span>
              {changeLabel(change)} “{change.subject || '(no subject)'}” was not applied.{' '}
              {change.problem}
            </span>
            {change.status === 'conflict' && (
              <button type="button" onClick={() => void dismissChange(change.opId)}>
                Dismiss
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onReview}>
        Review pending changes
      </button>
    </div>
  );
}
