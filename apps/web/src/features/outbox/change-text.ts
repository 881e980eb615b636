import type { PendingChange } from '../../data/index.ts';

const LABELS: Record<PendingChange['kind'], string> = {
  markRead: 'Mark as read',
  markUnread: 'Mark as unread',
  flag: 'Flag',
  unflag: 'Remove flag',
  move: 'Move',
  archive: 'Archive',
  delete: 'Delete',
  junk: 'Move to Junk',
};

/** "Move to Projects", "Mark as read", … in words for the pending-changes list. */
export function changeLabel(change: Pick<PendingChange, 'kind' | 'destination'>): string {
  if (change.kind === 'move' && change.destination !== null) {
    return `Move to ${change.destination}`;
  }
  return LABELS[change.kind];
}

export function statusText(change: PendingChange): string {
  switch (change.status) {
    case 'sending':
      return 'Sending…';
    case 'pending':
      return change.waiting ? 'Waiting for the move before it' : 'Waiting to be sent';
    case 'failed':
      return `Failed: ${change.problem ?? 'the server refused it.'}`;
    case 'conflict':
      return `Not applied: ${change.problem ?? 'the message changed elsewhere.'}`;
  }
}

/** "3 waiting, 1 conflict" for the header button's description. */
export function countText(changes: readonly PendingChange[]): string {
  const queued = changes.filter((c) => c.status === 'pending' || c.status === 'sending').length;
  const problems = changes.length - queued;
  const parts = [`${queued} waiting`];
  if (problems > 0) parts.push(`${problems} need${problems === 1 ? 's' : ''} attention`);
  return parts.join(', ');
}
