import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { afterNextPaint } from './after-paint.ts';

/**
 * The height of the mail laid out at the visible frame's width, so the frame can be sized
 * to its content and the pane scrolls headers and mail together, as a letter reads.
 *
 * The visible frame has an opaque origin and no scripts: neither it nor the app can read
 * its size. So a hidden twin (`twinRef`) gets the same srcdoc (same CSP, same sanitised
 * HTML) in a frame sandboxed with `allow-same-origin` but without `allow-scripts`: nothing
 * in it can run, and the app may read its layout. The twin is laid out in the frame's own
 * viewport, so the mail's media queries and vw units answer for the frame's width, which
 * a measurement inside the app's document could not do.
 *
 * It costs a second parse and layout, so it is only started after the visible frame has
 * painted (`shown`): the mail appears at once filling the pane, then takes its own height.
 * It is measured again when images or fonts arrive and when the frame's width changes.
 * Returns null until measured, or wherever measuring is impossible (the frame then keeps
 * filling the pane and scrolls inside).
 */
export function useContentHeight(
  frameRef: RefObject<HTMLIFrameElement | null>,
  twinRef: RefObject<HTMLIFrameElement | null>,
  srcDoc: string,
  shown: boolean,
  /** A kept frame's size when it was parked (kept-frames.ts): its height holds at once. */
  initial: { width: number; height: number | null } | null = null,
): { twinWidth: number | null; height: number | null } {
  const [started, setStarted] = useState(false);
  const [width, setWidth] = useState<number | null>(initial?.width ?? null);
  const [measured, setMeasured] = useState<
    { srcDoc: string; width: number; height: number } | undefined
  >(() =>
    initial?.height == null ? undefined : { srcDoc, width: initial.width, height: initial.height },
  );

  useEffect(() => {
    if (!shown || started) return;
    return afterNextPaint(() => setStarted(true));
  }, [shown, started]);

  useEffect(() => {
    const frame = frameRef.current;
    if (!started || frame === null || typeof ResizeObserver !== 'function') return;
    // clientWidth is the frame's viewport width (its border excluded).
    const observer = new ResizeObserver(() => setWidth(frame.clientWidth));
    observer.observe(frame);
    return () => observer.disconnect();
  }, [frameRef, started]);

  useEffect(() => {
    const twin = twinRef.current;
    if (twin === null || width === null) return;
    const measure = () => {
      // While the twin swaps documents its contentDocument can briefly have no root element.
      const height = Math.ceil(twin.contentDocument?.documentElement?.scrollHeight ?? 0);
      if (height <= 0) return;
      setMeasured((previous) =>
        previous?.srcDoc === srcDoc && previous.width === width && previous.height === height
          ? previous
          : { srcDoc, width, height },
      );
    };
    const watch = () => {
      measure();
      const doc = twin.contentDocument;
      // Capture: load and error events of images do not bubble.
      doc?.addEventListener('load', measure, true);
      doc?.addEventListener('error', measure, true);
      void doc?.fonts?.ready.then(measure);
    };
    twin.addEventListener('load', watch);
    // A new width re-lays out a document that has already loaded.
    if (twin.contentDocument?.readyState === 'complete') watch();
    return () => twin.removeEventListener('load', watch);
  }, [twinRef, srcDoc, width]);

  const current = measured?.srcDoc === srcDoc && measured.width === width;
  // A kept frame shown again at the width it was measured at needs no second parse.
  const known = current && initial !== null && initial.width === width;
  return { twinWidth: started && !known ? width : null, height: current ? measured.height : null };
}
