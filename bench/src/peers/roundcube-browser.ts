import type { Page } from 'playwright-core';
import type { MailUser } from '@petrel/test-mailserver';
import { openBrowser, type BenchBrowser } from '../browser.ts';
import { pollUntil } from '../resources.ts';
import { roundcubeProbe } from './roundcube-probe.ts';

/** Roundcube's message list page size (its default, which the private config keeps). */
export const ROUNDCUBE_PAGE_SIZE = 50;

/** Chromium exactly as Petrel's rows get it (../browser.ts), with Roundcube's probe instead. */
export function openRoundcubeBrowser(baseURL: string, inboxSize: number): Promise<BenchBrowser> {
  return openBrowser(baseURL, roundcubeProbe(Math.min(ROUNDCUBE_PAGE_SIZE, inboxSize)));
}

interface RowsMark {
  count: number;
  paintAt: number;
  paintWall: number;
}

/** A JavaScript call of the Roundcube probe with JSON-encoded arguments, for page.evaluate. */
export function rcCall(fn: string, ...args: unknown[]): string {
  return `window.__rcb.${fn}(...${JSON.stringify(args)})`;
}

/** The first page of the list painted in the current document (waits for the new document's probe after a navigation). */
export async function waitRows(page: Page, timeoutMs = 30_000): Promise<RowsMark> {
  await pollUntil(
    () =>
      page.evaluate<boolean>('typeof window.__rcb === "object"').then(
        (ok) => (ok ? true : undefined),
        () => undefined,
      ),
    timeoutMs,
    'Roundcube probe',
    10,
  );
  return page.evaluate<RowsMark>(rcCall('waitRows', timeoutMs));
}

/** Login form → the mail page's first rows painted: ms from the Login click (wall clocks of both documents). */
export async function loginToRows(page: Page, user: MailUser): Promise<number> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Username' }).fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/_task=mail/, { waitUntil: 'commit' });
  const rows = await waitRows(page);
  const clickWall = await page.evaluate<number>(rcCall('clickWallBeforeThisPage'));
  if (!Number.isFinite(clickWall)) throw new Error('no Login click recorded before the mail page');
  return rows.paintWall - clickWall;
}

/** Reload of the signed-in mail page: navigation start → first rows painted. */
export async function reloadToRows(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  return (await waitRows(page)).paintAt;
}
