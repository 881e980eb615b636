import { SPECIAL_USES } from '@petrel/contract';
import type { Folder } from '@petrel/contract';

/** Inbox first, then special-use folders in RFC 6154 order, then the rest by path. */
export function sortFolders<F extends Pick<Folder, 'path' | 'specialUse'>>(
  folders: readonly F[],
): F[] {
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

export function isInbox(folder: Pick<Folder, 'path' | 'specialUse'>): boolean {
  return folder.specialUse === '\\Inbox' || folder.path.toUpperCase() === 'INBOX';
}

function rank(folder: Pick<Folder, 'path' | 'specialUse'>): number {
  if (isInbox(folder)) return 0;
  return folder.specialUse === null
    ? SPECIAL_USES.length + 1
    : SPECIAL_USES.indexOf(folder.specialUse) + 1;
}
