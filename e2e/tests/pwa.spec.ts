import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { otherDevice, uniqueMessage } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

// The app shell comes from the service worker's precache and mail from IndexedDB, so a
// reload with no network at all still shows the Inbox and what was read or prefetched.

test('after one visit the app starts offline and shows the inbox and the bodies read', async ({
  page,
  context,
}) => {
  const mails = [uniqueMessage('Offline one'), uniqueMessage('Offline two')];
  await deliver(mails.map((mail) => mail.raw));
  const app = new PetrelApp(page);
  await app.signIn();
  await serviceWorkerReady(page);
  for (const mail of mails) {
    await app.open(mail.subject);
    await expect(app.reader).toContainText('Hello from the e2e suite');
    // A body is shown as soon as it arrives and stored right after (data/message.ts): a
    // reload in that instant would abort the write. Going offline waits until it is kept.
    const marker = mail.subject.split(' ').at(-1) ?? '';
    await expect.poll(() => cachedBodyContains(page, marker)).toBe(true);
  }

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(app.folders).toBeVisible();
    // Served by the worker, not by a lucky HTTP cache.
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    for (const mail of mails) await expect(app.row(mail.subject)).toBeVisible();
    for (const mail of mails) {
      await app.open(mail.subject);
      await expect(app.reader).toContainText('Hello from the e2e suite');
    }
  } finally {
    await context.setOffline(false);
  }
});

test('new Inbox mail is prefetched in the background and readable offline unopened', async ({
  page,
  context,
}) => {
  const mail = uniqueMessage('Prefetched');
  await deliver([mail.raw]);
  const app = new PetrelApp(page);
  await app.signIn();
  await serviceWorkerReady(page);
  await expect(app.row(mail.subject)).toBeVisible();
  // The first pass waits for a quiet moment after start; then the newest mail comes first.
  await expect
    .poll(() => cachedBodyContains(page, mail.subject.split(' ').at(-1) ?? ''), {
      timeout: 30_000,
    })
    .toBe(true);

  await context.setOffline(true);
  try {
    await app.open(mail.subject);
    await expect(app.reader).toContainText('Hello from the e2e suite');
  } finally {
    await context.setOffline(false);
  }
});

test('the manifest and service worker pass Chromium’s installability check', async ({
  playwright,
  launchOptions,
  baseURL,
}) => {
  // Chromium calls every off-the-record profile not installable ("in-incognito"), and a
  // default Playwright context is one: this test runs in a profile on disk.
  const profile = mkdtempSync(join(tmpdir(), 'petrel-pwa-'));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await serviceWorkerReady(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a newsletter shows its cid: image from the message, and no request leaves the page', async ({
  page,
}) => {
  const subject = `Inline logo ${Date.now().toString(36)}`;
  await deliver([newsletterWithLogo(subject)]);
  const origin = new URL(process.env.PETREL_E2E_URL!).origin;
  const foreign: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && url !== 'about:srcdoc') {
      foreign.push(url);
      return route.abort();
    }
    return route.continue();
  });
  const app = new PetrelApp(page);
  await app.signIn();
  await app.open(subject);
  const frame = app.reader.frameLocator('iframe[title="Message body"]');
  await expect(frame.getByRole('heading', { name: 'Inline news' })).toBeVisible();
  const logo = frame.getByRole('img', { name: 'Petrel logo' });
  await expect(logo).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
  expect(foreign).toEqual([]);
});

async function deliver(raws: string[]): Promise<void> {
  const device = await otherDevice();
  try {
    for (const raw of raws) await device.append('INBOX', raw);
  } finally {
    await device.close();
  }
}

/** The page is controlled by an active worker, whose precache is complete. */
async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

/** Whether the account's IndexedDB cache holds a body whose text contains `marker`. */
function cachedBodyContains(page: Page, marker: string): Promise<boolean> {
  return page.evaluate(
    (text) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('petrel-demo@petrel.test');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('bodies').objectStore('bodies').getAll();
          all.onsuccess = () => {
            db.close();
            const bodies = all.result as Array<{ text: string | null }>;
            resolve(bodies.some((body) => body.text?.includes(text) ?? false));
          };
          all.onerror = () => resolve(false);
        };
      }),
    marker,
  );
}

/** multipart/related: HTML that shows a 24×24 PNG by Content-ID (RFC 2387, RFC 2392). */
function newsletterWithLogo(subject: string): string {
  const logo = solidPng(24, 24, [31, 95, 209]).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Petrel News <news@example.org>',
    'To: Demo User <demo@petrel.test>',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${Date.now().toString(36)}.logo@e2e.petrel.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<h1>Inline news</h1><p><img src="cid:logo@e2e.petrel.test" alt="Petrel logo"></p>',
    '--rel',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo@e2e.petrel.test>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    logo,
    '--rel--',
    '',
  ].join('\r\n');
}

function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array(height).fill(row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(4 + body.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 4 + body.length);
  return out;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
