import { useSyncStatus } from '../../data/index.ts';

/**
 * Says plainly when the app works offline, so a change that stays "pending" is expected
 * rather than alarming. Shown when the browser is offline or the server cannot be reached.
 */
export function ConnectionBanner() {
  const { connection } = useSyncStatus();
  if (connection !== 'offline') return null;
  return (
    <div role="status" className="connection-banner">
      You are offline. Your changes are saved and will be sent when the connection is back.
    </div>
  );
}
