import { useEffect, useRef } from 'react';
import { formatCount, plural } from '../ui/format.ts';

interface ListHeaderProps {
  title: string;
  count: number;
  selectedCount: number;
  onToggleAll: () => void | Promise<void>;
  onResync: () => void;
}

export function ListHeader({
  title,
  count,
  selectedCount,
  onToggleAll,
  onResync,
}: ListHeaderProps) {
  const allRef = useRef<HTMLInputElement>(null);
  const all = count > 0 && selectedCount >= count;
  const some = selectedCount > 0 && !all;
  useEffect(() => {
    // "Mixed" has no attribute; it is a DOM property only.
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  return (
    <div className="list-header">
      <input
        ref={allRef}
        type="checkbox"
        aria-label="Select all messages"
        checked={all}
        disabled={count === 0}
        onChange={() => void onToggleAll()}
      />
      <h2 className="list-title">{title}</h2>
      <span className="list-count">
        {all
          ? `All ${formatCount(selectedCount)} selected`
          : selectedCount > 0
            ? `${formatCount(selectedCount)} selected`
            : plural(count, 'message', 'messages')}
      </span>
      <button type="button" className="list-resync" onClick={onResync}>
        Resync
      </button>
    </div>
  );
}
