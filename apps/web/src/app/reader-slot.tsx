import { Suspense } from 'react';
import { LazyReadingPane } from './deferred-parts.ts';

interface ReaderSlotProps {
  messageId: string | null;
  account: string;
  onBack: () => void;
}

/**
 * The reading pane's place in the shell. With no message open it shows the hint itself, so
 * a reload of the list never needs the reader's chunk; an open message loads it (usually
 * preloaded already, see deferred-parts.ts).
 */
export function ReaderSlot({ messageId, account, onBack }: ReaderSlotProps) {
  if (messageId === null) {
    return (
      <section aria-label="Message" className="reader reader-empty">
        <p className="reader-note">Select a message to read it.</p>
      </section>
    );
  }
  return (
    <Suspense
      fallback={
        <section aria-label="Message" className="reader">
          <p className="reader-note">Loading…</p>
        </section>
      }
    >
      <LazyReadingPane messageId={messageId} account={account} onBack={onBack} />
    </Suspense>
  );
}
