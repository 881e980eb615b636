import { PROBE_HELPERS } from '../probe-helpers.ts';

/**
 * In-page instrumentation for Roundcube's elastic skin, the counterpart of ../page-probe.ts
 * (same clocks, same "next frame after the DOM change" rule). Installed with addInitScript in
 * every document. Roundcube signs in with a form POST and a redirect, so the click's wall
 * time is kept in sessionStorage for the mail page to read.
 */
export function roundcubeProbe(rowsWanted: number): string {
  return String.raw`
(() => {
  if (window.top !== window || window.__rcb) return;
  const pb = (window.__rcb = { lastClick: null, rows: null });
  const CLICK_KEY = 'petrel-bench-click-wall';
${PROBE_HELPERS}

  document.addEventListener('click', (event) => {
    pb.lastClick = { at: event.timeStamp, wall: performance.timeOrigin + event.timeStamp };
    sessionStorage.setItem(CLICK_KEY, String(pb.lastClick.wall));
  }, true);
  pb.clickWallBeforeThisPage = () => Number(sessionStorage.getItem(CLICK_KEY) || 'NaN');

  // First rows: ${rowsWanted} message rows in the list, then the next frame.
  const checkRows = () => {
    if (pb.rows) return;
    const rows = document.querySelectorAll('#messagelist tbody tr.message').length;
    if (rows < ${rowsWanted}) return;
    pb.rows = { count: rows, domAt: performance.now(), paintAt: null, paintWall: null };
    rowsObserver.disconnect();
    afterPaint(() => {
      pb.rows.paintAt = performance.now();
      pb.rows.paintWall = performance.timeOrigin + pb.rows.paintAt;
    });
  };
  const rowsObserver = new MutationObserver(checkRows);
  rowsObserver.observe(document, { subtree: true, childList: true });
  pb.waitRows = (timeoutMs) => waitPainted(() => pb.rows, 'Roundcube rows', timeoutMs);

  // The preview frame loads a document whose message body contains "marker": ms from the
  // last click to the frame's load event and to the next frame after it.
  pb.waitBody = (marker, timeoutMs) => new Promise((resolve, reject) => {
    const frame = document.getElementById('messagecontframe');
    if (!frame) return reject(new Error('no preview frame'));
    const timer = setTimeout(() => {
      frame.removeEventListener('load', onLoad);
      reject(new Error('body ' + marker + ': not shown within ' + timeoutMs + ' ms'));
    }, timeoutMs);
    const onLoad = () => {
      const body = frame.contentDocument && frame.contentDocument.getElementById('messagebody');
      if (!body || !body.textContent.includes(marker)) return;
      const loadAt = performance.now();
      frame.removeEventListener('load', onLoad);
      clearTimeout(timer);
      afterPaint(() => resolve({ clickAt: pb.lastClick ? pb.lastClick.at : NaN, loadAt, paintAt: performance.now() }));
    };
    frame.addEventListener('load', onLoad);
  });

})();
`;
}
