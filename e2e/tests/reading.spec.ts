import { expect, test } from '@playwright/test';
import { otherDevice, uniqueMessage } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

test('signing in shows the folders with unread counts and the newest mail', async ({ page }) => {
  const app = new PetrelApp(page);
  await app.signIn();
  for (const name of ['Inbox', 'Drafts', 'Sent', 'Archive', 'Junk', 'Trash', 'Projects', 'Newsletters']) {
    await expect(app.folder(name)).toBeVisible();
  }
  await expect(app.folder('Inbox')).toHaveAccessibleDescription(/\d+ unread/);
  await expect(app.messageList.getByRole('option').or(app.messageList.getByRole('row')).first()).toBeVisible();
});

test('opening a message shows it and marks it read on the server', async ({ page }) => {
  const device = await otherDevice();
  const mail = uniqueMessage('Open me');
  const { uid } = await device.append('INBOX', mail.raw);
  const app = new PetrelApp(page);
  await app.signIn();
  await app.open(mail.subject);
  await expect(app.reader).toContainText('Hello from the e2e suite');
  await expect
    .poll(async () => (await device.messages('INBOX')).find((m) => m.uid === uid)?.flags)
    .toContain('\\Seen');
  await device.close();
});

test('an HTML newsletter renders with remote images blocked and no request leaving the page', async ({ page }) => {
  const device = await otherDevice();
  const mail = uniqueMessage('Newsletter', {
    html: '<table><tr><td><h1>Weekly news</h1><img src="https://images.example.net/hero.png" alt="hero"><p style="background:url(https://t.example.net/bg.png)">Body text</p></td></tr></table>',
  });
  await device.append('INBOX', mail.raw);
  await device.close();
  const app = new PetrelApp(page);
  const foreign: string[] = [];
  const origin = new URL(process.env.PETREL_E2E_URL!).origin;
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:') && url !== 'about:srcdoc') {
      foreign.push(url);
      return route.abort();
    }
    return route.continue();
  });
  await app.signIn();
  await app.open(mail.subject);
  const frame = app.reader.frameLocator('iframe');
  await expect(frame.getByRole('heading', { name: 'Weekly news' })).toBeVisible();
  await expect(app.reader.getByText('Remote content blocked')).toBeVisible();
  expect(foreign).toEqual([]);
});

test('the mail frame takes the height of the mail, so the pane scrolls headers and mail together', async ({ page }) => {
  const device = await otherDevice();
  const paragraphs = Array.from({ length: 120 }, (_, i) => `<p>Paragraph ${i + 1} of a long letter.</p>`).join('');
  const mail = uniqueMessage('Long letter', { html: `<h1>Long letter</h1>${paragraphs}<p>The very end.</p>` });
  await device.append('INBOX', mail.raw);
  await device.close();
  const app = new PetrelApp(page);
  await app.signIn();
  await app.open(mail.subject);
  const frame = app.reader.frameLocator('iframe[title="Message body"]');
  await expect(frame.getByText('The very end.')).toBeAttached();
  const frameElement = app.reader.locator('iframe[title="Message body"]');
  const contentHeight = async () =>
    (await frameElement.contentFrame().locator('html').evaluate((html) => html.scrollHeight)) as number;
  // Sized once measured: the frame is as tall as its document, so nothing scrolls inside it.
  await expect
    .poll(async () => Math.abs((await frameElement.evaluate((f) => (f as HTMLIFrameElement).clientHeight)) - (await contentHeight())))
    .toBeLessThanOrEqual(1);
  const pane = await app.reader.evaluate((reader) => ({ scroll: reader.scrollHeight, client: reader.clientHeight }));
  expect(pane.scroll).toBeGreaterThan(pane.client);
});

test('going back to a message read a moment ago shows its kept frame at once, and sign-out drops it', async ({ page }) => {
  const device = await otherDevice();
  const first = uniqueMessage('Kept first', { html: '<h1>First letter</h1><p>Kept while the reader moves on.</p>' });
  const second = uniqueMessage('Kept second', { html: '<h1>Second letter</h1>' });
  await device.append('INBOX', first.raw);
  await device.append('INBOX', second.raw);
  await device.close();
  const app = new PetrelApp(page);
  await app.signIn();
  const body = app.reader.frameLocator('iframe[title="Message body"]');
  await app.open(first.subject);
  await expect(body.getByRole('heading', { name: 'First letter' })).toBeVisible();
  // Counts documents loaded into reading frames from here on (load does not bubble: capture).
  await page.evaluate(() => {
    const counter = window as unknown as { frameLoads: number };
    counter.frameLoads = 0;
    document.addEventListener('load', (event) => { if (event.target instanceof HTMLIFrameElement && event.target.title === 'Message body') counter.frameLoads += 1; }, true);
  });
  const frameLoads = () => page.evaluate(() => (window as unknown as { frameLoads: number }).frameLoads);

  await app.open(second.subject);
  await expect(body.getByRole('heading', { name: 'Second letter' })).toBeVisible();
  await expect.poll(frameLoads).toBeGreaterThanOrEqual(1);
  const loadsBeforeReturn = await frameLoads();

  await app.open(first.subject);
  await expect(body.getByRole('heading', { name: 'First letter' })).toBeVisible();
  expect(await frameLoads()).toBe(loadsBeforeReturn);
  // The reader still holds one frame named "Message body"; the kept ones wait outside it, untitled.
  await expect(page.locator('iframe[title="Message body"]')).toHaveCount(1);
  await expect(page.locator('.mail-frame-parking iframe')).toHaveCount(1);

  await app.button('Sign out').click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('iframe')).toHaveCount(0);
});
