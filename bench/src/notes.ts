import type { Report } from './report.ts';

/** How `--peer roundcube` measures (src/peers/), under the anchors when the peer was run. */
const ROUNDCUBE_METHOD = `
**Roundcube, measured in this run** (\`--peer roundcube\`): Debian 12's \`roundcube-core\` 1.6 with SQLite, served by
Debian's nginx and php-fpm (a private instance: own nginx config on a free 127.0.0.1 port, a php-fpm pool sized like
Debian's default on a private socket, own \`config.inc.php\` through \`ROUNDCUBE_CONFIG_DIR\`, elastic skin, no plugins,
static files compressed and cached for a month as its shipped .htaccess does), logging in to a private Dovecot on a
fresh working copy of the same cached mailbox, over plain IMAP on loopback. The same Chromium, flags, viewport and
sample counts as Petrel's rows: \`runs\` logins, each in a fresh profile, Login click → the next frame after the list
holds 50 message rows (the click's wall time carried across the form POST in sessionStorage); 2 reloads after each login,
navigation start → the same; then the same 200 KB HTML newsletters appended by another client, the page reloaded (Roundcube
polls for new mail only every minute), and each row clicked → the preview frame's \`load\` with the newsletter's body, then
the next frame. Roundcube waits 60 ms after a click before it loads the preview (it waits for a double click); that is part
of its figure. Its rows have no target; "Petrel ÷ Roundcube" divides the medians.
`;

/** The prose under the table: how each number is taken, and the comparison anchors. */
export function methodNotes(report: Report): string {
  const peer = report.options.peer === 'roundcube' ? ROUNDCUBE_METHOD : '';
  return `## How each number is taken

- **Setup.** Per INBOX size: a private Dovecot 2.3 on loopback, on a throwaway working copy of the cached
  fixture in \`bench/.cache\` (so suites may flag, expunge and append), and the Petrel server in a child
  process (\`node --import tsx apps/server/src/main.ts\`, PETREL_MODE=demo, plain IMAP on loopback,
  log level warn) serving a copy of \`apps/web/dist\`. Debian's Chromium, headless, through playwright-core,
  each login in a fresh on-disk profile (so IndexedDB is disk-backed as for a real user). Viewport
  1280×3200, so the virtualized list (72 px rows) holds 50 rows in the DOM.
- **imap-baseline**: a bare imapflow client fetches the whole INBOX on the same loopback, in the same run:
  the classic envelope items, Petrel's items (adds BODYSTRUCTURE and the References header), and Petrel's
  page pattern (500 a page, newest first, each page one header FETCH plus one 512-octet preview FETCH).
- **header-sync**: Sign in click (the click event's timestamp in the page) → the app's IndexedDB
  \`petrel-<email>\` has the INBOX listing complete (\`syncState.phase = idle\`, polled every 200 ms with the
  raw IndexedDB API; the time is the \`lastSyncedAt\` the app stamps in that last page's transaction) and
  the \`messages\` rows of INBOX counted equal the folder total. "Server share": a scripted HTTP client pages
  through the same API with nothing stored. Diagnostics: one raw \`count()\` of the synced rows, and CPU
  seconds per process group (from \`/proc\`) between the click and the sync seen complete.
- **first-rows**: a MutationObserver installed before the app's scripts marks the moment the list named
  "Messages" has min(50, folder size) rows with content (not the "Loading…" placeholders), and the next
  frame after it (requestAnimationFrame + a task); cold is measured from the Sign in click, reloads from
  navigation start (\`performance.timeOrigin\`). Warm reloads: 2 per login, after the full sync; the
  offline reload cuts the network with Playwright's \`context.setOffline(true)\` once the service worker is ready.
- **push**: Node takes Date.now() right before another IMAP client's APPEND; the page takes Date.now() when
  a MutationObserver first sees the message's unique subject in the list (same machine, same clock).
  Same run: a bare imapflow client in IDLE (APPEND → untagged EXISTS) and a scripted SSE client
  (APPEND → the first INBOX event, \`messagesAdded\` or \`folderCounts\`, on \`GET /api/events\`) split the
  total into Dovecot, server and browser. Appends are 150–250 ms apart; Dovecot delays IDLE notices by up
  to 500 ms, so isolated new mail arrives ≈ 200 ms later than these figures (see ANALYSIS.md).
- **actions**: click event timestamp on the toolbar's Flag/Unflag → next frame after the row's accessible
  name gains or loses "Flagged". Replay (\`suites/replay.ts\`): with Playwright's \`setOffline(true)\`, the
  newest INBOX rows are selected from the keyboard (x, j) in groups of 250 and archived (e), deleted (#),
  flagged (s) and marked unread (Shift+U), then more flag groups until the outbox (read from IndexedDB)
  holds 1,000 ops on distinct messages; timed from \`setOffline(false)\` until a separate imapflow client
  sees every op applied (moved UIDs gone from INBOX, destinations grown, flags matched by \`UID SEARCH\`),
  polled every 50 ms.
- **open-message**: click event timestamp on a row → the reader's \`iframe[title="Message body"]\` holding
  the message's marker fires \`load\` (or, for a frame the app kept loaded from an earlier reading,
  is back in the reader), then the next frame. Uncached: 200 KB HTML newsletters appended by
  another client (a body the app had already prefetched is counted apart); cached: the same ones opened
  again, each after another message (the app keeps the frames of the 4 mails read last, so these are kept
  frames); after a reload: the same ones again, their bodies read from IndexedDB and laid out anew.
- **scroll**: after the other browser suites, INBOX's list is scrolled from the top in the page: a
  fling (scrollTop += 1,500 px every frame for 300 frames), then 20 jumps spread down to the oldest
  message, each waited on until no row is a "Loading…" placeholder. Frames are requestAnimationFrame
  deltas plus Chromium's Long Animation Frame entries; "longest frame" is the worst of a sweep (one sweep
  per run).
- **resync**: a scripted client (Node, HTTP/1.1 keep-alive) calls \`GET /api/folders/INBOX/changes?since=\`
  until \`hasMore\` is false. "After reconnect" signs out first (the server closes its IMAP connection),
  then times a new TCP connection + \`POST /api/session\` + the changes. Bytes are response status
  line + headers + body as received.
- **server-capacity**: separate Dovecot with N users and Petrel child; scripted users sign in (10 at a
  time) and keep \`GET /api/events\` open; RSS from \`/proc/<pid>/status\` after a warm-up user and 5 s of
  settling at each level. At the first level and again with every user signed in, the users whose INBOX
  has mail request the message list in a closed loop, all at once (bounded by a deadline); the
  latencies are also given apart for each user's first request (which reads IMAP) and the ones after
  it (which the server may answer from the page it keeps while IDLE reports no change).

## Anchors

Roundcube (from the issue, same 10k / 100k mailboxes): login → rows 0.9 s / 1.4 s; reload 0.5 s / 1.1 s;
open newest message 0.4 s / 1.0 s. Petrel's targets are printed beside each result.
${peer}
## Analysis

What bounds each missed target, from profiles of this code: [ANALYSIS.md](ANALYSIS.md) (written for a
specific run; re-check it when the numbers move).

${report.webBuild && !report.webBuild.hasServiceWorker ? '\n## Not measured yet\n\n- Offline reload: needs the service worker (`apps/web/dist/sw.js`), which this build lacks.\n' : ''}`;
}
