import type { CachedBody } from '../../data/index.ts';
import { partUrl } from '../../data/index.ts';
import { HtmlBody } from './html-body.tsx';
import { PlainTextBody } from './plain-text-body.tsx';

interface MessageBodyProps {
  messageId: string;
  body: CachedBody | undefined;
  loading: boolean;
  error: string | null;
  sender: string | null;
  account: string;
}

export function MessageBody({
  messageId,
  body,
  loading,
  error,
  sender,
  account,
}: MessageBodyProps) {
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
 * The server could not parse the whole MIME tree; what it read is shown below, and every
 * part it found can be downloaded. (There is no route for the raw message yet.)
 */
function TooComplex({ messageId, body }: { messageId: string; body: CachedBody }) {
  const parts = [...body.attachments, ...body.inline];
  return (
    <div className="reader-note too-complex">
      <p>This message is too complex to display — download it{parts.length > 0 ? ':' : '.'}</p>
      {parts.length > 0 && (
        <ul>
          {parts.map((part) => (
            <li key={part.part}>
              <a href={partUrl(messageId, part.part)} download>
                {part.filename ?? `Part ${part.part}`} ({part.contentType})
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
