import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { removeTree, type MailUser } from '@petrel/test-mailserver';
import { PAGE_PROBE } from './page-probe.ts';
import { withTimeout } from './resources.ts';

export const CHROMIUM = process.env.PETREL_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * Tall enough that the virtualized list (72 px rows, 10 rows overscan) holds 50 rows in the
 * DOM: "first rows" means the first 50, as a Roundcube page shows.
 */
export const VIEWPORT = { width: 1280, height: 3200 };

/**
 * A browser with an empty profile of its own on disk (a persistent context in a fresh
 * folder), so IndexedDB is disk-backed as for a real user, not an incognito in-memory store.
 */
export interface BenchBrowser {
  context: BrowserContext;
  profileDir: string;
  page: Page;
  close(): Promise<void>;
}

/** `probe`: the script installed in every page before its own (Petrel's by default). */
export async function openBrowser(baseURL: string, probe: string = PAGE_PROBE): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'petrel-bench-profile-'));
  let context: BrowserContext;
  try {
    context = await withTimeout(
      chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, baseURL, viewport: VIEWPORT }),
      60_000,
      'launching Chromium',
    );
  } catch (error) {
    removeTree(profile);
    throw error;
  }
  await context.addInitScript({ content: probe });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  let closed: Promise<void> | null = null;
  return {
    context,
    profileDir: profile,
    page,
    close: () =>
      (closed ??= (async () => {
        await withTimeout(context.close(), 15_000, 'closing Chromium').catch(() => undefined);
        removeTree(profile);
      })()),
  };
}

/** ms from the Sign in click (or navigation start) to the first rows being painted. */
export interface FirstRows {
  ms: number;
  rows: number;
}

/** Opens the login page, signs in; resolves when the click happened (wall-clock ms of it). */
export async function signIn(page: Page, user: MailUser): Promise<number> {
  await page.goto('/');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page.evaluate<number>('window.__pb.lastClick.wall');
}

/** Waits for the probe's first-rows mark; `fromClick` measures from the last click instead of navigation start. */
export async function firstRows(page: Page, fromClick: boolean, timeoutMs: number): Promise<FirstRows> {
  await waitForProbe(page, timeoutMs);
  await page.evaluate(call('waitFirstRows', timeoutMs));
  const mark = await page.evaluate<{ paintAt: number; rows: number; click: number | null }>(
    '({ paintAt: __pb.firstRows.paintAt, rows: __pb.firstRows.rows, click: __pb.lastClick && __pb.lastClick.at })',
  );
  const start = fromClick ? mark.click : 0;
  if (start === null) throw new Error('no click recorded before the first rows');
  return { ms: mark.paintAt - start, rows: mark.rows };
}

/** After a reload, the new document's probe may not exist for a moment. */
async function waitForProbe(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>('typeof window.__pb === "object"').catch(() => false))) {
    if (Date.now() > deadline) throw new Error('the page probe did not load');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function databaseName(email: string): string {
  return `petrel-${email.trim().toLowerCase()}`;
}

/**
 * Waits until the folder's listing is complete in IndexedDB (polled every 200 ms, so the
 * probe adds little IndexedDB work). `wallAt` is the time the app stamped on the last page's
 * transaction, or when the poll saw it if the app stamped none; `seenAt` when the poll saw it.
 */
export async function waitSynced(
  page: Page,
  user: MailUser,
  folder: string,
  timeoutMs: number,
): Promise<{ wallAt: number; seenAt: number; rows: number; total: number | null }> {
  const name = databaseName(user.email);
  const done = await page.evaluate<{ seenAt: number; syncedAt: number | null; total: number | null }>(call('waitSynced', name, folder, timeoutMs, 200));
  const rows = await page.evaluate<number>(call('countMessages', name, folder));
  const wallAt = done.syncedAt !== null && done.syncedAt <= done.seenAt ? done.syncedAt : done.seenAt;
  return { wallAt, seenAt: done.seenAt, rows, total: done.total };
}

/** A JavaScript call expression with JSON-encoded arguments, for page.evaluate. */
export function call(fn: string, ...args: unknown[]): string {
  return `window.__pb.${fn}(...${JSON.stringify(args)})`;
}

/** Starts `fn` in the page under `key`; {@link collect} awaits its result. */
export async function arm(page: Page, key: string, fn: string, ...args: unknown[]): Promise<void> {
  await page.evaluate(call('arm', key, fn, ...args));
}

export function collect<T>(page: Page, key: string): Promise<T> {
  return page.evaluate<T>(call('collect', key));
}
