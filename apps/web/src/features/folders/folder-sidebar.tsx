import { useMemo } from 'react';
import type { CachedFolder } from '../../data/index.ts';
import { FolderItem } from './folder-item.tsx';
import { buildFolderTree } from './folder-tree.ts';

interface FolderSidebarProps {
  folders: readonly CachedFolder[] | undefined;
  current: string;
  hrefFor: (path: string) => string;
  onDropMessages: (destination: string, ids: string[]) => void;
  /** A folder link was followed (the narrow layout closes the drawer). */
  onNavigate: () => void;
}

export function FolderSidebar({
  folders,
  current,
  hrefFor,
  onDropMessages,
  onNavigate,
}: FolderSidebarProps) {
  const tree = useMemo(() => (folders === undefined ? [] : buildFolderTree(folders)), [folders]);
  return (
    <nav aria-label="Folders" className="sidebar">
      {folders === undefined && <p className="sidebar-note">Loading folders…</p>}
      {folders !== undefined && folders.length === 0 && <p className="sidebar-note">No folders</p>}
      <ul className="folder-tree">
        {tree.map((node) => (
          <FolderItem
            key={node.folder.path}
            node={node}
            current={current}
            hrefFor={hrefFor}
            onDropMessages={onDropMessages}
            onNavigate={onNavigate}
          />
        ))}
      </ul>
    </nav>
  );
}
