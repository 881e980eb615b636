import type { ConnectionStatus, SyncStatus } from '../../data/index.ts';
import { formatCount, formatListDate } from '../ui/format.ts';

const CONNECTION: Record<ConnectionStatus, string> = {
  online: 'Online',
  offline: 'Offline — showing saved mail; changes are sent when you are back online',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost — reconnecting…',
  authLost: 'Your session has ended — please sign in again',
};

export function connectionText(connection: ConnectionStatus): string {
  return CONNECTION[connection];
}

/** "Syncing Inbox 1,200 / 10,000", or null when nothing is syncing. */
export function progressText(
  status: SyncStatus,
  labelFor: (path: string) => string,
  locale?: string,
): string | null {
  const { progress } = status;
  if (progress === null) return null;
  const counts = `${formatCount(progress.done, locale)} / ${formatCount(progress.total, locale)}`;
  return `Syncing ${labelFor(progress.folder)} ${counts}`;
}

export function lastSyncText(status: SyncStatus, now: number, locale?: string): string | null {
  return status.lastSyncAt === null
    ? null
    : `Last synced ${formatListDate(status.lastSyncAt, now, locale)}`;
}
