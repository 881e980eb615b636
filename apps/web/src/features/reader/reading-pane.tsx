import { useCallback, useEffect, useRef, useState } from 'react';
import { onSignOut, useMessageBody, useMessageLookup } from '../../data/index.ts';
import { afterNextPaint } from './after-paint.ts';
import { AttachmentList } from './attachment-list.tsx';
import { forgetFrameDocuments } from './frame-documents.ts';
import { dropKeptFrames } from './kept-frames.ts';
import { MessageBody } from './message-body.tsx';
import { MessageHeader } from './message-header.tsx';
import { useMarkRead } from './use-mark-read.ts';

// Nothing of a signed-out account's mail stays in the page: neither kept frames nor the
// sanitized documents.
onSignOut(() => {
  dropKeptFrames();
  forgetFrameDocuments();
});

interface ReadingPaneProps {
  messageId: string | null;
  account: string;
  /** Back to the list (shown on narrow screens, where one pane shows at a time). */
  onBack: () => void;
}

export function ReadingPane({ messageId, account, onBack }: ReadingPaneProps) {
  const lookup = useMessageLookup(messageId);
  const gone = lookup.status === 'gone';
  const message = lookup.status === 'found' ? lookup.message : undefined;
  // A message that no longer exists has no body to fetch.
  const { body, loading, error } = useMessageBody(gone ? null : messageId);
  // Marking read re-renders its list row and writes to the database: only once the body has
  // been painted, so that work never delays showing it.
  const [paintedId, setPaintedId] = useState<string | null>(null);
  // Not cancelled on a switch: a late call names the previous message, which no longer counts.
  // Cancelled when the pane unmounts, which has no state left to set.
  const cancelPainted = useRef<() => void>(() => {});
  const onShown = useCallback(() => {
    cancelPainted.current = afterNextPaint(() => setPaintedId(messageId));
  }, [messageId]);
  useEffect(() => () => cancelPainted.current(), []);
  useMarkRead(message, paintedId !== null && paintedId === message?.id);

  if (messageId === null) {
    return (
      <section aria-label="Message" className="reader reader-empty">
        <p className="reader-note">Select a message to read it.</p>
      </section>
    );
  }
  const sender = message?.from[0]?.address || null;
  return (
    <section aria-label="Message" className="reader">
      <button type="button" className="back-button" onClick={onBack}>
        Back
      </button>
      {gone ? (
        <p className="reader-note">
          This message is no longer here: it was moved or deleted, perhaps on another device.
        </p>
      ) : (
        <>
          {message === undefined ? (
            <p className="reader-note">Loading…</p>
          ) : (
            <MessageHeader message={message} />
          )}
          {body !== undefined && body.attachments.length > 0 && (
            <AttachmentList messageId={messageId} attachments={body.attachments} />
          )}
          <MessageBody
            messageId={messageId}
            body={body}
            loading={loading}
            error={error}
            sender={sender}
            account={account}
            onShown={onShown}
          />
        </>
      )}
    </section>
  );
}
