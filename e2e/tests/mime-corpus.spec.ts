import { expect, test } from '@playwright/test';
import { encodeMessageId } from '@petrel/contract';
import { otherDevice } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

// Every message of the shared MIME corpus (seeded into "Corpus" by the e2e stack) goes
// through the server's parser and the reading pane without a crash or a hang.

test('every corpus message opens in the reading pane', async ({ page }) => {
  test.setTimeout(180_000);
  const device = await otherDevice();
  const folders = await device.folders();
  const corpus = folders.find((f) => f.path === 'Corpus');
  expect(corpus, 'the e2e stack seeds the shared corpus into "Corpus"').toBeDefined();
  const messages = await device.messages('Corpus');
  await device.close();
  expect(messages.length).toBeGreaterThanOrEqual(15);

  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const app = new PetrelApp(page);
  await app.signIn();
  const parseTimes: number[] = [];
  for (const message of messages) {
    const id = encodeMessageId({ folder: 'Corpus', uidValidity: Number(corpus!.uidValidity), uid: message.uid });
    const started = Date.now();
    const response = await page.request.get(`/api/messages/${encodeURIComponent(id)}`);
    parseTimes.push(Date.now() - started);
    expect(response.status(), `uid ${message.uid}`).toBe(200);
    await page.evaluate((hash) => (window.location.hash = hash), `#/folder/Corpus/message/${encodeURIComponent(id)}`);
    const heading = app.reader.getByRole('heading', { level: 2 });
    await expect(heading, `uid ${message.uid}`).toContainText(message.subject?.trim().slice(0, 20) || '(no subject)');
    await expect(app.reader.getByText('Loading', { exact: false })).toHaveCount(0);
  }
  test.info().annotations.push({ type: 'slowest parse (ms, incl. HTTP)', description: String(Math.max(...parseTimes)) });
  expect(pageErrors).toEqual([]);
});
