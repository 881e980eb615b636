import { useMemo, useState } from 'react';
import type { Attachment } from '@petrel/contract';
import { partUrl } from '../../data/index.ts';
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

  // Sanitising a large mail takes a while: only again when the body or the permission changes.
  const sanitized = useMemo(
    () =>
      sanitizeMailHtml(body.html ?? '', {
        allowRemote,
        resolveCid: (contentId) => {
          const part = findByContentId([...body.inline, ...body.attachments], contentId);
          return part === undefined
            ? null
            : absolute(partUrl(messageId, part.part, { inline: true }));
        },
      }),
    [body, allowRemote, messageId],
  );
  const srcDoc = useMemo(
    () => frameDocument(sanitized.html, { partUrls: sanitized.partUrls, allowRemote }),
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

/** Absolute, so the frame's CSP can name exactly these URLs whatever its base URL. */
function absolute(url: string): string {
  return new URL(url, window.location.href).href;
}
