import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useContentHeight } from './use-content-height.ts';

/**
 * Sandboxed mail: no `allow-scripts`, no `allow-same-origin` (an opaque origin with no
 * access to Petrel), only popups so links can open in a new tab outside the sandbox.
 */
export const MAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * The measuring twin may be same-origin because it can run nothing: without
 * `allow-scripts` no script, handler or javascript: URL in the mail executes, and it is
 * never shown or focusable.
 */
const TWIN_SANDBOX = 'allow-same-origin';

/**
 * The frame a mail is read in. It first fills the rest of the reading pane (reader.css), so
 * the mail shows after a single parse and layout; once that has painted, it takes the
 * height of its content (measured on a hidden twin, see use-content-height.ts) and the
 * pane scrolls headers and mail together.
 */
export function MailFrame({ srcDoc, onLoad }: { srcDoc: string; onLoad?: () => void }) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const twinRef = useRef<HTMLIFrameElement>(null);
  const [shown, setShown] = useState(false);
  const { twinWidth, height } = useContentHeight(frameRef, twinRef, srcDoc, shown);
  return (
    <>
      <iframe
        ref={frameRef}
        className={height === null ? 'mail-frame' : 'mail-frame is-sized'}
        title="Message body"
        sandbox={MAIL_FRAME_SANDBOX}
        referrerPolicy="no-referrer"
        srcDoc={srcDoc}
        style={height === null ? undefined : { height }}
        onLoad={() => {
          setShown(true);
          onLoad?.();
        }}
      />
      {twinWidth !== null &&
        // Outside the reader, so the reader holds exactly one frame: the one people read.
        createPortal(
          <div className="mail-frame-measure" aria-hidden="true" inert>
            <iframe
              ref={twinRef}
              title="Message layout"
              sandbox={TWIN_SANDBOX}
              referrerPolicy="no-referrer"
              tabIndex={-1}
              srcDoc={srcDoc}
              style={{ width: twinWidth }}
            />
          </div>,
          document.body,
        )}
    </>
  );
}
