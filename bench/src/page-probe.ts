import { PROBE_HELPERS } from './probe-helpers.ts';

/**
 * In-page instrumentation, installed with addInitScript before the app's own scripts. It is
 * plain JavaScript in a string (not a transpiled function) so nothing the TypeScript loader
 * adds can break it inside the page. It only observes: click events (capture phase), DOM
 * mutations and the app's IndexedDB, read with the raw API.
 *
 * Clocks: `performance.now()` (relative to the document's timeOrigin) for everything
 * measured inside one document; `Date.now()` where Node compares with its own clock.
 */
export const PAGE_PROBE = String.raw`
(() => {
  if (window.top !== window || window.__pb) return;
  const pb = (window.__pb = { lastClick: null, firstRows: null });
  const LIST = '[role=grid][aria-label="Messages"], [role=listbox][aria-label="Messages"]';
  const ROWS = '[role=row], [role=option]';
${PROBE_HELPERS}
  pb.list = () => document.querySelector(LIST);

  document.addEventListener('click', (event) => {
    pb.lastClick = { at: event.timeStamp, wall: performance.timeOrigin + event.timeStamp };
  }, true);

  // First rows: from document start, until min(want, rows in the folder) rows are in the
  // DOM with content (not the "Loading…" placeholders of the virtualized list).
  pb.firstRowsWanted = 50;
  const rowsState = () => {
    const list = pb.list();
    if (!list) return null;
    let ready = 0;
    for (const row of list.querySelectorAll(ROWS)) if (row.getAttribute('aria-busy') !== 'true') ready++;
    const total = Number(list.getAttribute('aria-rowcount') || '0');
    return { ready, total };
  };
  const checkFirstRows = () => {
    if (pb.firstRows) return;
    const s = rowsState();
    if (!s || s.ready === 0 || s.ready < Math.min(pb.firstRowsWanted, s.total || Infinity)) return;
    pb.firstRows = { domAt: performance.now(), paintAt: null, rows: s.ready, total: s.total };
    firstRowsObserver.disconnect();
    afterPaint(() => (pb.firstRows.paintAt = performance.now()));
  };
  pb.waitFirstRows = (timeoutMs) => waitPainted(() => pb.firstRows, 'first rows', timeoutMs);
  const firstRowsObserver = new MutationObserver(checkFirstRows);
  firstRowsObserver.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'aria-rowcount'] });

  const until = (test, timeoutMs, what) => new Promise((resolve, reject) => {
    const hit = test();
    if (hit !== undefined) return resolve(hit);
    const observer = new MutationObserver(() => {
      const value = test();
      if (value === undefined) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(what + ': not seen within ' + timeoutMs + ' ms'));
    }, timeoutMs);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });

  // A row whose text contains "text" appears: Date.now() at the mutation (Node compares).
  pb.waitRowText = (text, timeoutMs) => until(() => {
    const list = pb.list();
    return list && list.textContent.includes(text) ? Date.now() : undefined;
  }, timeoutMs, 'row "' + text + '"');

  // The row at aria-rowindex "index" gets (or loses) "word" in its accessible name;
  // resolves with ms from the last click to the mutation and to the next frame.
  pb.waitRowLabel = (index, word, present, timeoutMs) => until(() => {
    const row = pb.list() && pb.list().querySelector('[aria-rowindex="' + index + '"]');
    const label = row ? row.getAttribute('aria-label') || '' : '';
    return row && label.split(', ').includes(word) === present ? performance.now() : undefined;
  }, timeoutMs, 'row ' + index + ' label').then((domAt) => new Promise((resolve) => {
    afterPaint(() => resolve({ clickAt: pb.lastClick ? pb.lastClick.at : NaN, domAt, paintAt: performance.now() }));
  }));

  // Frames whose document has loaded (load does not bubble: captured on the document).
  const loadedFrames = new WeakSet();
  document.addEventListener('load', (event) => {
    if (event.target instanceof HTMLIFrameElement) loadedFrames.add(event.target);
  }, true);

  // The reader's frame shows a body containing "marker": ms from the last click to the
  // frame's load event and to the next frame after it. A frame the app kept from an earlier
  // reading (apps/web kept-frames.ts) has loaded already: it counts once it is the reader's.
  pb.waitBody = (marker, timeoutMs) => until(() => {
    for (const frame of document.querySelectorAll('iframe[title="Message body"]')) {
      if ((frame.getAttribute('srcdoc') || '').includes(marker)) return frame;
    }
    return undefined;
  }, timeoutMs, 'body ' + marker).then((frame) => new Promise((resolve, reject) => {
    const done = () => afterPaint(() => resolve({ clickAt: pb.lastClick ? pb.lastClick.at : NaN, loadAt, paintAt: performance.now() }));
    let loadAt = NaN;
    if (loadedFrames.has(frame)) {
      loadAt = performance.now();
      return done();
    }
    const timer = setTimeout(() => reject(new Error('body frame did not load')), timeoutMs);
    frame.addEventListener('load', () => { clearTimeout(timer); loadAt = performance.now(); done(); }, { once: true });
  }));


  // The app's database, read with the raw IndexedDB API; never creates it.
  const openDb = async (name) => {
    const known = await indexedDB.databases();
    if (!known.some((d) => d.name === name)) return null;
    return new Promise((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('blocked'));
    });
  };
  const read = (db, stores, work) => new Promise((resolve, reject) => {
    const tx = db.transaction(stores, 'readonly');
    const out = work(tx);
    tx.oncomplete = () => resolve(out());
    tx.onerror = () => reject(tx.error);
  });
  pb.syncStatus = async (name, folder) => {
    const db = await openDb(name);
    if (!db) return null;
    try {
      if (!db.objectStoreNames.contains('syncState')) return null;
      return await read(db, ['syncState', 'folders'], (tx) => {
        const sync = tx.objectStore('syncState').get(folder);
        const info = tx.objectStore('folders').get(folder);
        return () => ({ phase: sync.result ? sync.result.phase : null, state: sync.result ? sync.result.state : null,
          lastSyncedAt: sync.result ? sync.result.lastSyncedAt : null, total: info.result ? info.result.total : null });
      });
    } finally { db.close(); }
  };
  pb.countMessages = async (name, folder) => {
    const db = await openDb(name);
    if (!db) return 0;
    try {
      return await read(db, ['messages'], (tx) => {
        const req = tx.objectStore('messages').index('[folder+date]').count(IDBKeyRange.bound([folder], [folder, []]));
        return () => req.result;
      });
    } finally { db.close(); }
  };
  // Whether the app already holds a message's body (e.g. prefetched it).
  pb.hasBody = async (name, id) => {
    const db = await openDb(name);
    if (!db) return false;
    try {
      if (!db.objectStoreNames.contains('bodies')) return false;
      return await read(db, ['bodies'], (tx) => {
        const req = tx.objectStore('bodies').count(id);
        return () => req.result > 0;
      });
    } finally { db.close(); }
  };

  // One raw count() of the folder's rows on the [folder+date] index, timed: what the app pays
  // for each count of a folder (the list's live count, the listing's syncedCount).
  pb.timeCount = async (name, folder) => {
    const started = performance.now();
    const rows = await pb.countMessages(name, folder);
    return { rows, ms: performance.now() - started };
  };

  // Polls (gently: IndexedDB work happens in the browser process the app also needs) until
  // the folder's listing is complete. Resolves with the wall-clock time the app recorded in
  // that last page's transaction (syncState.lastSyncedAt) and when the poll saw it.
  pb.waitSynced = async (name, folder, timeoutMs, everyMs) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const s = await pb.syncStatus(name, folder);
      if (s && s.phase === 'idle' && s.state !== null) {
        return { seenAt: performance.timeOrigin + performance.now(), syncedAt: s.lastSyncedAt ? Date.parse(s.lastSyncedAt) : null, total: s.total };
      }
      if (performance.now() > deadline) throw new Error('sync of ' + folder + ' not complete within ' + timeoutMs + ' ms (' + JSON.stringify(s) + ')');
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
})();
`;
