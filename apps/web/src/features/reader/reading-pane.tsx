import { useMessage, useMessageBody } from '../../data/index.ts';
import { AttachmentList } from './attachment-list.tsx';
import { MessageBody } from './message-body.tsx';
import { MessageHeader } from './message-header.tsx';
import { useMarkRead } from './use-mark-read.ts';

interface ReadingPaneProps {
  messageId: string | null;
  account: string;
  /** Back to the list (shown on narrow screens, where one pane shows at a time). */
  onBack: () => void;
}

export function ReadingPane({ messageId, account, onBack }: ReadingPaneProps) {
  const message = useMessage(messageId);
  const { body, loading, error } = useMessageBody(messageId);
  useMarkRead(message);

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
      {message === undefined ? (
        <p className="reader-note">Loading…</p>
      ) : (
        <MessageHeader message={message} />
      )}
      {body !== undefined && (
        <AttachmentList messageId={messageId} attachments={body.attachments} />
      )}
      <MessageBody
        messageId={messageId}
        body={body}
        loading={loading}
        error={error}
        sender={sender}
        account={account}
      />
    </section>
  );
}
