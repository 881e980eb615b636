import { useMemo, useState } from 'react';
import { useInlineImages } from '../../data/index.ts';
import type { CachedBody } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';
import { mailFrameDocument } from './frame-documents.ts';
import { MailFrame } from './mail-frame.tsx';
import { RemoteContentBar } from './remote-content-bar.tsx';
import { allowSender, useSenderAllowed } from './remote-content.ts';

interface HtmlBodyProps {
  messageId: string;
  /** Rendered only for a body with HTML. */
  body: CachedBody;
  sender: string | null;
  account: string;
  /** The mail is on screen (its frame loaded). */
  onShown(): void;
}

/** Remount per message (key): "Load remote content" applies to one message only. */
export function HtmlBody({ messageId, body, sender, account, onShown }: HtmlBodyProps) {
  const notify = useNotify();
  const senderAllowed = useSenderAllowed(account, sender);
  const [loadOnce, setLoadOnce] = useState(false);
  const allowRemote = senderAllowed || loadOnce;

  // Inline images arrive as data: URLs (see useInlineImages); null while they load, so the
  // frame is drawn once, with them, rather than reflowing as each one arrives.
  const images = useInlineImages(messageId, body);
  // Sanitised once per message and mode (frame-documents.ts keeps the result).
  const frame = useMemo(
    () =>
      images === null ? null : mailFrameDocument({ account, messageId, body, allowRemote, images }),
    [account, messageId, body, allowRemote, images],
  );

  const alwaysLoad = () => {
    if (sender !== null && !allowSender(account, sender)) {
      setLoadOnce(true);
      notify({
        tone: 'error',
        text: 'Could not remember this sender: the browser refused to store it.',
      });
    }
  };

  if (frame === null) return <p className="reader-note">Loading images…</p>;
  return (
    <>
      {frame.remoteBlocked && !allowRemote && (
        <RemoteContentBar
          sender={sender}
          onLoadOnce={() => setLoadOnce(true)}
          onAlwaysLoad={alwaysLoad}
        />
      )}
      <MailFrame messageId={messageId} srcDoc={frame.srcDoc} onLoad={onShown} />
    </>
  );
}
