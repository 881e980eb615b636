import { useEffect, useState } from 'react';
import type { RefObject } from 'react';

export interface FrameLayout {
  /** Width of the box the visible frame fills; the measuring twin is given the same. */
  width: number | null;
  /** Height of the mail at that width; null until measured (or where measuring fails). */
  height: number | null;
}

/**
 * Lays the mail out in a hidden twin of the visible frame and reads its height.
 *
 * The visible frame has an opaque origin and no scripts, so neither it nor the app can
 * read its size. The twin (`measureRef`) gets the same srcdoc (same CSP, same sanitised
 * HTML) in a frame sandboxed with `allow-same-origin` but without `allow-scripts`: nothing
 * in it can run, and the app may read its layout. It is measured again when its images or
 * fonts arrive and when the box changes width. Where measuring is impossible the visible
 * frame keeps a generous fixed height and scrolls inside.
 */
export function useFrameLayout(
  boxRef: RefObject<HTMLElement | null>,
  measureRef: RefObject<HTMLIFrameElement | null>,
  srcDoc: string,
): FrameLayout {
  const [width, setWidth] = useState<number | null>(null);
  const [measured, setMeasured] = useState<{
    srcDoc: string;
    width: number;
    height: number;
  } | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (box === null || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(() =>
      setWidth(Math.round(box.getBoundingClientRect().width)),
    );
    observer.observe(box);
    return () => observer.disconnect();
  }, [boxRef]);

  useEffect(() => {
    const frame = measureRef.current;
    if (frame === null || width === null) return;
    const measure = () => {
      // While the frame swaps documents its contentDocument can briefly have no root element.
      const height = Math.ceil(frame.contentDocument?.documentElement?.scrollHeight ?? 0);
      if (height <= 0) return;
      setMeasured((previous) =>
        previous?.srcDoc === srcDoc && previous.width === width && previous.height === height
          ? previous
          : { srcDoc, width, height },
      );
    };
    const watch = () => {
      measure();
      const doc = frame.contentDocument;
      // Capture: load and error events of images do not bubble.
      doc?.addEventListener('load', measure, true);
      doc?.addEventListener('error', measure, true);
      void doc?.fonts?.ready.then(measure);
    };
    frame.addEventListener('load', watch);
    // A new width re-lays out a document that has already loaded.
    if (frame.contentDocument?.readyState === 'complete') watch();
    return () => frame.removeEventListener('load', watch);
  }, [measureRef, srcDoc, width]);

  const current = measured !== null && measured.srcDoc === srcDoc && measured.width === width;
  return { width, height: current ? measured.height : null };
}
