import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { removeTree, type MailUser } from '@petrel/test-mailserver';
import { ARGS, CHROMIUM, VIEWPORT, type BenchBrowser } from '../browser.ts';
import { pollUntil, withTimeout } from '../resources.ts';
import { roundcubeProbe } from './roundcube-probe.ts';

/** Roundcube's message list page size (its default, which the private config keeps). */
export const ROUNDCUBE_PAGE_SIZE = 50;

/**
 * Chromium exactly as ../browser.ts launches it for Petrel (binary, flags, viewport, a fresh
 * on-disk profile), with Roundcube's probe instead of Petrel's.
 */
export async function openRoundcubeBrowser(
  baseURL: string,
  inboxSize: number,
): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'petrel-bench-rc-profile-'));
  try {
    const context = await withTimeout(
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
        baseURL,
        viewport: VIEWPORT,
      }),
      60_000,
      'launching Chromium',
    );
    await context.addInitScript({
      content: roundcubeProbe(Math.min(ROUNDCUBE_PAGE_SIZE, inboxSize)),
    });
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
  } catch (error) {
    removeTree(profile);
    throw error;
  }
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
