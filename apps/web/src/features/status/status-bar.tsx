import { useSyncStatus } from '../../data/index.ts';
import { useClock } from '../ui/use-clock.ts';
import { connectionText, lastSyncText, progressText } from './status-text.ts';

/**
 * What the app knows about its connection and sync. Only the connection state is a live
 * region: progress counts change too often to be announced.
 */
export function StatusBar({ labelFor }: { labelFor: (path: string) => string }) {
  const status = useSyncStatus();
  const now = useClock();
  const progress = progressText(status, labelFor);
  const lastSync = lastSyncText(status, now);
  return (
    <footer className="status-bar" aria-label="Sync status">
      <span role="status" className={`status-connection status-${status.connection}`}>
        {connectionText(status.connection)}
      </span>
      {progress !== null && <span className="status-progress">{progress}</span>}
      {lastSync !== null && <span className="status-last-sync">{lastSync}</span>}
      {status.error !== null && <span className="status-error">{status.error}</span>}
    </footer>
  );
}
