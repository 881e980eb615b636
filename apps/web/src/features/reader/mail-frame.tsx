import { useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { adoptKeptFrame, canKeepFrames, keepFrame, peekKeptFrame } from './kept-frames.ts';
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

interface MailFrameProps {
  messageId: string;
  srcDoc: string;
  /** The mail is on screen: its frame loaded, or a kept frame was shown again. */
  onLoad?: () => void;
}

/**
 * The frame a mail is read in. It first fills the rest of the reading pane (reader.css), so
 * the mail shows after a single parse and layout; once that has painted, it takes the
 * height of its content (measured on a hidden twin, see use-content-height.ts) and the
 * pane scrolls headers and mail together.
 *
 * The iframe is created here rather than rendered by React, so that when the reader moves
 * on it can be kept, parsed and laid out, for a quick return (kept-frames.ts).
 */
export function MailFrame({ messageId, srcDoc, onLoad }: MailFrameProps) {
  const slotRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const twinRef = useRef<HTMLIFrameElement>(null);
  const onLoadRef = useRef(onLoad);
  const [kept] = useState(() => peekKeptFrame(messageId, srcDoc));
  const [shown, setShown] = useState(false);
  const { twinWidth, height } = useContentHeight(frameRef, twinRef, srcDoc, shown, kept);
  const heightRef = useRef(height);

  useLayoutEffect(() => {
    onLoadRef.current = onLoad;
    heightRef.current = height;
    if (frameRef.current !== null) sizeFrame(frameRef.current, height);
  });

  useLayoutEffect(() => {
    const slot = slotRef.current;
    if (slot === null) return;
    const adopted = canKeepFrames() ? adoptKeptFrame(slot, messageId, srcDoc) : null;
    const frame = adopted ?? newFrame(srcDoc);
    frame.title = 'Message body';
    frame.style.width = '';
    sizeFrame(frame, heightRef.current);
    if (adopted === null) slot.append(frame);
    frameRef.current = frame;
    let loaded = adopted !== null;
    const onFrameLoad = () => {
      loaded = true;
      setShown(true);
      onLoadRef.current?.();
    };
    if (adopted === null) frame.addEventListener('load', onFrameLoad, { once: true });
    else onFrameLoad();
    return () => {
      frame.removeEventListener('load', onFrameLoad);
      frameRef.current = null;
      if (loaded && canKeepFrames() && frame.isConnected) {
        keepFrame(messageId, srcDoc, {
          frame,
          width: frame.clientWidth,
          height: heightRef.current,
        });
      } else {
        frame.remove();
      }
    };
  }, [messageId, srcDoc]);

  return (
    <>
      <div
        ref={slotRef}
        className={height === null ? 'mail-frame-slot' : 'mail-frame-slot is-sized'}
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

/** The sandbox is set before the document, and both before the frame enters the page. */
function newFrame(srcDoc: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', MAIL_FRAME_SANDBOX);
  frame.referrerPolicy = 'no-referrer';
  frame.srcdoc = srcDoc;
  return frame;
}

function sizeFrame(frame: HTMLIFrameElement, height: number | null): void {
  frame.className = height === null ? 'mail-frame' : 'mail-frame is-sized';
  frame.style.height = height === null ? '' : `${height}px`;
}
