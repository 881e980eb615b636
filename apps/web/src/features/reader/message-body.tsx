import { useEffect } from 'react';
import type { CachedBody } from '../../data/index.ts';
import { partUrl, rawUrl } from '../../data/index.ts';
import { HtmlBody } from './html-body.tsx';
import { PlainTextBody } from './plain-text-body.tsx';

interface MessageBodyProps {
  messageId: string;
  body: CachedBody | undefined;
  loading: boolean;
  error: string | null;
  sender: string | null;
  account: string;
  /** The body (or why there is none) is on screen: an HTML mail once its frame loaded. */
  onShown(): void;
}

export function MessageBody({
  messageId,
  body,
  loading,
  error,
  sender,
  account,
  onShown,
}: MessageBodyProps) {
  const framed = body?.html != null;
  const settled = body !== undefined || !loading;
  useEffect(() => {
    if (settled && !framed) onShown();
  }, [settled, framed, onShown]);

  if (body === undefined) {
    if (error !== null) return <p className="reader-note reader-error">{error}</p>;
    return (
      <p className="reader-note">
        {loading ? 'Loading message…' : 'This message could not be loaded.'}
      </p>
    );
  }
  return (
    <div className="reader-body">
      {body.tooComplex && <TooComplex messageId={messageId} body={body} />}
      {body.html !== null ? (
        <HtmlBody
          key={messageId}
          messageId={messageId}
          body={body}
          sender={sender}
          account={account}
          onShown={onShown}
        />
      ) : body.text !== null ? (
        <PlainTextBody text={body.text} />
      ) : (
        !body.tooComplex && <p className="reader-note">This message has no text.</p>
      )}
    </div>
  );
}

/**
 * The server could not parse the whole MIME tree (too deep, too many parts or too large);
 * whatever text it could read is shown below. The original message downloads as .eml, to
 * open in a desktop mail program, and every part it found downloads on its own.
 */
function TooComplex({ messageId, body }: { messageId: string; body: CachedBody }) {
  const parts = [...body.attachments, ...body.inline];
  return (
    <section aria-label="This message is too complex to display" className="too-complex">
      <p>This message is too complex to display.</p>
      <p>
        <a href={rawUrl(messageId)} download>
          Download the original message (.eml)
        </a>
      </p>
      {parts.length > 0 && (
        <ul aria-label="Parts of the message">
          {parts.map((part) => (
            <li key={part.part}>
              <a href={partUrl(messageId, part.part)} download>
                {part.filename ?? `Part ${part.part}`} ({part.contentType})
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
