import type { ActionKind } from '../../data/index.ts';

interface ToolbarProps {
  /** How many messages the buttons act on: the selection, or the open message. */
  targetCount: number;
  onAction: (kind: ActionKind) => void;
  onMove: () => void;
}

const BUTTONS: readonly { kind: ActionKind; label: string }[] = [
  { kind: 'markRead', label: 'Mark as read' },
  { kind: 'markUnread', label: 'Mark as unread' },
  { kind: 'flag', label: 'Flag' },
  { kind: 'unflag', label: 'Unflag' },
];

const REMOVING: readonly { kind: ActionKind; label: string }[] = [
  { kind: 'archive', label: 'Archive' },
  { kind: 'delete', label: 'Delete' },
  { kind: 'junk', label: 'Junk' },
];

export function Toolbar({ targetCount, onAction, onMove }: ToolbarProps) {
  const disabled = targetCount === 0;
  const button = ({ kind, label }: { kind: ActionKind; label: string }) => (
    <button key={kind} type="button" disabled={disabled} onClick={() => onAction(kind)}>
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Message actions" className="toolbar">
      {BUTTONS.map(button)}
      <button type="button" disabled={disabled} aria-haspopup="dialog" onClick={onMove}>
        Move to…
      </button>
      {REMOVING.map(button)}
    </div>
  );
}
