import type { BenchBrowser } from '../browser.ts';
import { atMost, measured, type Result } from '../report.ts';

export interface ScrollSample {
  /** Every frame's duration (rAF to rAF) while scrolling, in ms. */
  frames: number[];
  /** Durations of the Long Animation Frames Chromium reported (> 50 ms each). */
  longFrames: number[];
  /** ms from each jump far down the list until its rows had content (not placeholders). */
  jumpToRows: number[];
  rowsPassed: number;
}

/**
 * Runs inside the page. Two ways users move through a big folder:
 * - a steady scroll (wheel / touch fling): scrollTop grows by `step` px every frame for
 *   `flingFrames` frames;
 * - jumps (dragging the scrollbar thumb): scrollTop set to spread positions down to the
 *   oldest message, each waited on until the window's rows have content.
 * Frame durations come from requestAnimationFrame deltas; the Long Animation Frames API
 * (Chromium) names frames over 50 ms even when rAF did not run during them.
 */
const SWEEP = String.raw`async ({ flingFrames, step, jumps }) => {
  const grid = document.querySelector('[role="grid"][aria-label="Messages"]');
  const scroller = grid && grid.parentElement;
  if (!scroller) throw new Error('no message grid on the page');
  const longFrames = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longFrames.push(entry.duration);
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  scroller.scrollTop = 0;
  for (let i = 0; i < 10; i++) await frame();
  const frames = [];
  let last = await frame();
  const tick = async () => {
    const now = await frame();
    frames.push(now - last);
    last = now;
  };
  const startTop = scroller.scrollTop;
  for (let i = 0; i < flingFrames; i++) {
    scroller.scrollTop += step;
    await tick();
  }
  const rowsPassed = Math.round((scroller.scrollTop - startTop) / 72);
  const jumpToRows = [];
  const max = scroller.scrollHeight - scroller.clientHeight;
  for (let i = 1; i <= jumps; i++) {
    const jumpedAt = performance.now();
    scroller.scrollTop = Math.round((max * i) / jumps);
    for (let waited = 0; waited < 600; waited++) {
      await tick();
      const rows = grid.querySelectorAll('[role="row"]');
      const blank = [...rows].filter((row) => row.getAttribute('aria-busy') === 'true');
      if (rows.length > 0 && blank.length === 0) break;
    }
    jumpToRows.push(performance.now() - jumpedAt);
  }
  await frame();
  observer.disconnect();
  return { frames, longFrames, jumpToRows, rowsPassed };
}`;

/** Scrolls the open folder's list from the top: a fling, then jumps down to the oldest mail. */
export async function scrollSweep(browser: BenchBrowser): Promise<ScrollSample> {
  const { page } = browser;
  await page.getByRole('grid', { name: 'Messages' }).waitFor();
  const options = { flingFrames: 300, step: 1_500, jumps: 20 };
  return page.evaluate<ScrollSample>(`(${SWEEP})(${JSON.stringify(options)})`);
}

export function scrollResults(size: number, samples: readonly ScrollSample[]): Result[] {
  const base = { suite: 'scroll', size, unit: 'ms' };
  const frames = samples.flatMap((s) => s.frames);
  const longest = samples.map((s) => Math.max(0, ...s.frames, ...s.longFrames));
  const rows = samples.map((s) => s.rowsPassed).join(' / ');
  return [
    measured(
      {
        ...base,
        metric: 'scrolling the list: longest frame (fling, then 20 jumps to the oldest mail)',
        target: atMost(50, 'ms'),
        note: `fling passed ${rows} rows; ${samples.reduce((n, s) => n + s.longFrames.length, 0)} long animation frames`,
      },
      longest,
    ),
    measured({ ...base, metric: 'scrolling the list: frame duration', target: null }, frames),
    measured(
      { ...base, metric: 'jump far down the list → its rows have content', target: null },
      samples.flatMap((s) => s.jumpToRows),
    ),
  ];
}
