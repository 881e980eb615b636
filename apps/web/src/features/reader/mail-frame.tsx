import { useRef } from 'react';
import { createPortal } from 'react-dom';
import { useFrameLayout } from './use-frame-layout.ts';

/**
 * Sandboxed mail: no `allow-scripts`, no `allow-same-origin` (an opaque origin with no
 * access to Petrel), only popups so links can open in a new tab outside the sandbox.
 */
export const MAIL_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function MailFrame({ srcDoc }: { srcDoc: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLIFrameElement>(null);
  const { width, height } = useFrameLayout(boxRef, measureRef, srcDoc);
  return (
    <div ref={boxRef} className="mail-frame-box">
      <iframe
        className="mail-frame"
        title="Message body"
        sandbox={MAIL_FRAME_SANDBOX}
        referrerPolicy="no-referrer"
        srcDoc={srcDoc}
        height={height ?? undefined}
      />
      {width !== null &&
        // Outside the reader, so the reader holds exactly one frame: the one people read.
        createPortal(
          <div className="mail-frame-measure" aria-hidden="true" inert>
            {/* Scripts stay off; same origin only so the app can read the layout. */}
            <iframe
              ref={measureRef}
              title="Message layout"
              sandbox="allow-same-origin"
              tabIndex={-1}
              width={width}
              srcDoc={srcDoc}
            />
          </div>,
          document.body,
        )}
    </div>
  );
}
