import { useMemo, useState } from 'react';
import type { Attachment } from '@petrel/contract';
import { useInlineImages } from '../../data/index.ts';
import type { CachedBody } from '../../data/index.ts';
import { useNotify } from '../notices/notice-context.ts';
import { frameDocument } from './frame-document.ts';
import { MailFrame } from './mail-frame.tsx';
import { RemoteContentBar } from './remote-content-bar.tsx';
import { allowSender, useSenderAllowed } from './remote-content.ts';
import { sanitizeMailHtml } from './sanitize-html.ts';

interface HtmlBodyProps {
  messageId: string;
  /** Rendered only for a body with HTML. */
  body: CachedBody;
  sender: string | null;
  account: string;
}

/** Remount per message (key): "Load remote content" applies to one message only. */
export function HtmlBody({ messageId, body, sender, account }: HtmlBodyProps) {
  const notify = useNotify();
  const senderAllowed = useSenderAllowed(account, sender);
  const [loadOnce, setLoadOnce] = useState(false);
  const allowRemote = senderAllowed || loadOnce;

  // Inline images arrive as data: URLs (see useInlineImages); null while they load, so the
  // frame is drawn once, with them, rather than reflowing as each one arrives.
  const images = useInlineImages(messageId, body);
  // Sanitising a large mail takes a while: only again when the body, images or permission change.
  const sanitized = useMemo(
    () =>
      images === null
        ? null
        : sanitizeMailHtml(body.html ?? '', {
            allowRemote,
            resolveCid: (contentId) => {
              const part = findByContentId([...body.inline, ...body.attachments], contentId);
              return part === undefined ? null : (images.get(part.part) ?? null);
            },
          }),
    [body, allowRemote, images],
  );
  // No part URLs in the CSP: the frame loads images only from data: URLs it already allows.
  const srcDoc = useMemo(
    () => sanitized && frameDocument(sanitized.html, { partUrls: [], allowRemote }),
    [sanitized, allowRemote],
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

  if (sanitized === null || srcDoc === null) return <p className="reader-note">Loading images…</p>;
  return (
    <>
      {sanitized.remoteBlocked && !allowRemote && (
        <RemoteContentBar
          sender={sender}
          onLoadOnce={() => setLoadOnce(true)}
          onAlwaysLoad={alwaysLoad}
        />
      )}
      <MailFrame srcDoc={srcDoc} />
    </>
  );
}

/** Content-IDs are compared exactly first; mailers disagree on case often enough to retry. */
function findByContentId(parts: readonly Attachment[], contentId: string): Attachment | undefined {
  const lower = contentId.toLowerCase();
  return (
    parts.find((part) => part.contentId === contentId) ??
    parts.find((part) => part.contentId?.toLowerCase() === lower)
  );
}
