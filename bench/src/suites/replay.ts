import type { Op } from '@petrel/contract';
import { connectImap, type MailServer, type MailUser } from '@petrel/test-mailserver';
import type { Page } from 'playwright-core';
import { databaseName, type BenchBrowser } from '../browser.ts';
import { pollUntil } from '../resources.ts';
import { serverHolds, type ServerCheck } from './replay-check.ts';

export interface ReplaySample {
  /** Ops the outbox held when the browser went back online. */
  ops: number;
  byType: Record<Op['type'], number>;
  /** Keyboard work while offline: selecting rows and acting on them (not the measure). */
  enqueueMs: number;
  /** Back online → the other IMAP client sees every op applied (the measure). */
  serverMs: number;
  /** Back online → the page's outbox holds no unsettled op. */
  drainedMs: number;
}

/**
 * What the user does offline, in this order, on the newest INBOX mail (distinct messages, so
 * nothing coalesces): archive, delete, flag and mark unread a group of rows each, selected
 * with the keyboard (x, j) and acted on with one shortcut — the UI's own data path. More
 * flag groups follow until the outbox holds `target` ops (a row that already has the flag
 * queues nothing).
 */
const GROUPS = [
  { key: 'e', label: 'archive' },
  { key: '#', label: 'delete' },
  { key: 's', label: 'flag' },
  { key: 'U', label: 'mark unread' },
] as const;
const GROUP_SIZE = 250;
const TOP_UP_KEY = 's';

/**
 * Replay of queued actions after reconnect, in the real app: offline (Playwright's
 * `setOffline`, which the app sees as `navigator.onLine === false` and failing requests),
 * about `target` actions through the keyboard, then online again; timed from
 * `setOffline(false)` to a separate IMAP client seeing all of them on the server.
 */
export async function replayAfterReconnect(
  browser: BenchBrowser,
  mail: MailServer,
  user: MailUser,
  target = 1000,
): Promise<ReplaySample> {
  const { page, context } = browser;
  await page.goto('/');
  await page.getByRole('grid', { name: 'Messages' }).locator('[aria-rowindex="1"]').waitFor();
  try {
    await context.setOffline(true);
    const startedAt = Date.now();
    for (const group of GROUPS) await actOnRows(page, user, GROUP_SIZE, group.key);
    let queued = await unsettledOps(page, user);
    while (queued.length < target) {
      await actOnRows(page, user, Math.min(GROUP_SIZE, target - queued.length), TOP_UP_KEY);
      queued = await unsettledOps(page, user);
    }
    const enqueueMs = Date.now() - startedAt;
    return { ...(await timeReplay(browser, mail, user, queued)), enqueueMs };
  } finally {
    await context.setOffline(false);
  }
}

/** Online again → the server holds every queued op (and the page's outbox is drained). */
async function timeReplay(
  { page, context }: BenchBrowser,
  mail: MailServer,
  user: MailUser,
  queued: readonly Op[],
): Promise<Omit<ReplaySample, 'enqueueMs'>> {
  const imap = await connectImap(mail, user);
  // A dropped checking connection fails the poll below, not the whole benchmark process.
  imap.on('error', () => undefined);
  try {
    const check: ServerCheck = await serverHolds(imap, queued);
    if (await check.done()) {
      throw new Error('the server already holds the queued changes while offline');
    }
    const onlineAt = Date.now();
    await context.setOffline(false);
    const drained = pollUntil(
      async () => ((await unsettledOps(page, user)).length === 0 ? Date.now() : undefined),
      180_000,
      'outbox drained',
      100,
    );
    const serverAt = await pollUntil(
      async () => ((await check.done()) ? Date.now() : undefined),
      180_000,
      'server holds every op',
      50,
    );
    const drainedAt = await drained;
    const byType = { setFlags: 0, move: 0, delete: 0 };
    for (const op of queued) byType[op.type] += 1;
    return {
      ops: queued.length,
      byType,
      serverMs: serverAt - onlineAt,
      drainedMs: drainedAt - onlineAt,
    };
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

/**
 * Selects `count` rows from the keyboard cursor on (x, j) and acts on them with `key`;
 * resolves once the outbox holds the new ops and the selection is empty again.
 */
async function actOnRows(page: Page, user: MailUser, count: number, key: string): Promise<void> {
  let selected = 0;
  // x on a row the virtualized list has not loaded yet selects nothing: move on in short
  // chunks, each once the rows around the cursor are loaded, until enough are selected.
  for (let chunks = 0; selected < count; chunks++) {
    if (chunks === MAX_CHUNKS(count)) {
      throw new Error(`only ${selected} of ${count} rows could be selected`);
    }
    await rowsLoaded(page);
    for (let i = 0; i < Math.min(SELECT_CHUNK, count - selected); i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('j');
    }
    selected = await selectedCount(page);
  }
  const before = (await unsettledOps(page, user)).length;
  await page.keyboard.press(key);
  // Every op of one action is written in one transaction.
  await pollUntil(
    async () => ((await unsettledOps(page, user)).length > before ? true : undefined),
    60_000,
    `${key} queued`,
  );
  if ((await selectedCount(page)) > 0) await clearSelection(page);
}

const SELECT_CHUNK = 25;
/**
 * Chunks tried before giving up. Back in Inbox after clearing the selection, the cursor's
 * row is off screen and unloaded, so the first x of a group is lost (the j scrolls to it).
 */
const MAX_CHUNKS = (count: number) => 4 * Math.ceil(count / SELECT_CHUNK) + 4;

/** The list shows no "Loading…" row (aria-busy) any more. */
async function rowsLoaded(page: Page): Promise<void> {
  const busy = page.getByRole('grid', { name: 'Messages' }).locator('[aria-busy="true"]');
  await pollUntil(
    async () => ((await busy.count()) === 0 ? true : undefined),
    30_000,
    'rows loaded',
    20,
  );
}

async function selectedCount(page: Page): Promise<number> {
  const text = (await page.locator('.list-header .list-count').textContent()) ?? '';
  return Number(/^([\d,.]+) selected$/.exec(text)?.[1]?.replace(/\D/g, '') ?? '0');
}

/**
 * Flag and mark actions keep the selection, and the UI has no "select none" for a folder
 * larger than what is loaded. A selection belongs to one folder, so selecting in another
 * one (Archive: x twice, which leaves its keyboard cursor alone) and coming back empties it;
 * Inbox's cursor stays where it was.
 */
async function clearSelection(page: Page): Promise<void> {
  const folders = page.getByRole('navigation', { name: 'Folders' });
  const firstRow = page.getByRole('grid', { name: 'Messages' }).locator('[aria-rowindex="1"]');
  await folders.getByRole('link', { name: 'Archive', exact: true }).click();
  await firstRow.waitFor();
  await page.keyboard.press('x');
  await page.keyboard.press('x');
  await folders.getByRole('link', { name: 'Inbox', exact: true }).click();
  await firstRow.waitFor();
  if ((await selectedCount(page)) > 0) throw new Error('the selection could not be cleared');
}

/** The outbox's ops not yet applied, read from the page's IndexedDB as the app stored them. */
function unsettledOps(page: Page, user: MailUser): Promise<Op[]> {
  return page.evaluate<Op[]>(`(${READ_UNSETTLED})(${JSON.stringify(databaseName(user.email))})`);
}

/** Runs in the page (plain JavaScript: the bench compiles without DOM types). */
const READ_UNSETTLED = `async (name) => {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  try {
    const rows = await new Promise((resolve, reject) => {
      const request = db.transaction('outbox').objectStore('outbox').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return rows.filter((row) => row.status === 'pending' || row.status === 'sending').map((row) => row.op);
  } finally {
    db.close();
  }
}`;
