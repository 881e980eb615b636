import type { SpecialUse } from '@petrel/contract';
import type { CachedFolder } from '../../data/index.ts';
import type { IconName } from '../ui/icon.tsx';

/** Special-use folders (RFC 6154) in sidebar order, with the names users know them by. */
const SPECIAL: readonly { use: SpecialUse; label: string; icon: IconName }[] = [
  { use: '\\Inbox', label: 'Inbox', icon: 'inbox' },
  { use: '\\Drafts', label: 'Drafts', icon: 'drafts' },
  { use: '\\Sent', label: 'Sent', icon: 'sent' },
  { use: '\\Archive', label: 'Archive', icon: 'archive' },
  { use: '\\Junk', label: 'Junk', icon: 'junk' },
  { use: '\\Trash', label: 'Trash', icon: 'trash' },
  { use: '\\All', label: 'All mail', icon: 'all' },
  { use: '\\Flagged', label: 'Flagged', icon: 'flag' },
];

type FolderLike = Pick<CachedFolder, 'path' | 'name' | 'specialUse'>;

/** INBOX is special by name (RFC 9051 §5.1) even where the server gives no attribute. */
function specialUseOf(folder: FolderLike): SpecialUse | null {
  if (folder.specialUse !== null) return folder.specialUse;
  return folder.path.toUpperCase() === 'INBOX' ? '\\Inbox' : null;
}

/** Position among special folders, or -1 for a user folder. */
export function specialRank(folder: FolderLike): number {
  const use = specialUseOf(folder);
  return SPECIAL.findIndex((entry) => entry.use === use);
}

export function folderLabel(folder: FolderLike): string {
  return SPECIAL[specialRank(folder)]?.label ?? folder.name;
}

export function folderIcon(folder: FolderLike): IconName {
  return SPECIAL[specialRank(folder)]?.icon ?? 'folder';
}

/** The label for a path, when only the path is at hand (routes, sync progress). */
export function labelForPath(path: string, folders: readonly CachedFolder[] | undefined): string {
  const folder = folders?.find((candidate) => candidate.path === path);
  if (folder !== undefined) return folderLabel(folder);
  return path.toUpperCase() === 'INBOX' ? 'Inbox' : path;
}
