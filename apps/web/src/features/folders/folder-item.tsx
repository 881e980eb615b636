import { useId, useState } from 'react';
import type { DragEvent } from 'react';
import { carriesMessages, readDraggedIds } from '../mailbox/message-drag.ts';
import { Icon } from '../ui/icon.tsx';
import { formatCount } from '../ui/format.ts';
import { folderIcon } from './folder-names.ts';
import type { FolderNode } from './folder-tree.ts';

interface FolderItemProps {
  node: FolderNode;
  current: string;
  hrefFor: (path: string) => string;
  onDropMessages: (destination: string, ids: string[]) => void;
  onNavigate: () => void;
}

/**
 * One folder: a link named after the folder (the unread count is its description, not its
 * name) that also takes dropped message rows; a \Noselect folder is a plain label.
 */
export function FolderItem(props: FolderItemProps) {
  const { node, current, hrefFor, onDropMessages, onNavigate } = props;
  const { folder, label, children } = node;
  const countId = useId();
  const [dropping, setDropping] = useState(false);
  const isCurrent = folder.path === current;
  const droppable = folder.selectable && !isCurrent;

  const onDragOver = (event: DragEvent) => {
    if (!droppable || !carriesMessages(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    setDropping(false);
    if (!droppable) return;
    event.preventDefault();
    const ids = readDraggedIds(event.dataTransfer);
    if (ids.length > 0) onDropMessages(folder.path, ids);
  };

  const content = (
    <>
      <Icon name={folderIcon(folder)} />
      <span className="folder-name">{label}</span>
    </>
  );
  return (
    <li>
      <div className="folder-row">
        {folder.selectable ? (
          <a
            href={hrefFor(folder.path)}
            className={dropping ? 'folder-link is-drop-target' : 'folder-link'}
            aria-current={isCurrent ? 'page' : undefined}
            aria-describedby={folder.unread > 0 ? countId : undefined}
            onDragOver={onDragOver}
            onDragLeave={() => setDropping(false)}
            onDrop={onDrop}
            onClick={onNavigate}
          >
            {content}
          </a>
        ) : (
          <span className="folder-link folder-noselect">{content}</span>
        )}
        {folder.unread > 0 && (
          <span id={countId} className="folder-unread">
            {formatCount(folder.unread)}
            <span className="sr-only"> unread</span>
          </span>
        )}
      </div>
      {children.length > 0 && (
        <ul className="folder-tree">
          {children.map((child) => (
            <FolderItem key={child.folder.path} {...props} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
