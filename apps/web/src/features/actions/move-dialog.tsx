import { useMemo } from 'react';
import type { CachedFolder } from '../../data/index.ts';
import { buildFolderTree, flattenTree } from '../folders/folder-tree.ts';
import { Dialog } from '../ui/dialog.tsx';

interface MoveDialogProps {
  folders: readonly CachedFolder[] | undefined;
  current: string;
  onChoose: (destination: { path: string; label: string }) => void;
  onClose: () => void;
}

/** "Move to…": every folder that can hold messages, in sidebar order, except this one. */
export function MoveDialog({ folders, current, onChoose, onClose }: MoveDialogProps) {
  const choices = useMemo(
    () =>
      flattenTree(buildFolderTree(folders ?? [])).filter(
        ({ node }) => node.folder.selectable && node.folder.path !== current,
      ),
    [folders, current],
  );
  return (
    <Dialog title="Move to folder" onClose={onClose}>
      {choices.length === 0 && <p>There is no other folder to move to.</p>}
      <ul className="move-list">
        {choices.map(({ node, depth }) => (
          <li key={node.folder.path} className={`move-depth-${Math.min(depth, 4)}`}>
            <button
              type="button"
              onClick={() => onChoose({ path: node.folder.path, label: node.label })}
            >
              {node.label}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
