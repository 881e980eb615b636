import { expect, test, type Page } from '@playwright/test';
import { encodeMessageId } from '@petrel/contract';
import { hostileMessage, type Carrier } from '../fixtures/hostile-mail.ts';
import { otherDevice } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';
import { OWN_VECTORS, loadCorpusVectors, type XssVector } from '../fixtures/xss-corpus.ts';

// Every vector of the shared XSS corpus (and our own) is delivered as a real message and
// opened in the real reading pane. What must hold for each: no script runs, no request
// leaves the page, nothing lands in the app's own document.
test.describe.configure({ mode: 'serial' });

interface Delivered {
  label: string;
  carrier: Carrier;
  id: string;
}

const folder = `XSS-${Date.now().toString(36)}`;
const delivered: Delivered[] = [];

test.beforeAll(async () => {
  const vectors: XssVector[] = [...(await loadCorpusVectors()), ...OWN_VECTORS];
  const device = await otherDevice();
  await device.createFolder(folder);
  const deliver = async (label: string, payload: string, carrier: Carrier) => {
    const { uid, uidValidity } = await device.append(folder, hostileMessage(label, payload, carrier));
    delivered.push({ label, carrier, id: encodeMessageId({ folder, uidValidity: Number(uidValidity), uid }) });
  };
  for (const [i, vector] of vectors.entries()) {
    await deliver(`XSS ${String(i).padStart(3, '0')} html`, vector.payload, 'html');
  }
  // A sample in every other place a stranger controls.
  const sample = vectors.filter((_, i) => i % 12 === 0);
  for (const [i, vector] of sample.entries()) {
    for (const carrier of ['subject', 'sender', 'text', 'filename'] as const) {
      await deliver(`XSS S${String(i).padStart(2, '0')} ${carrier}`, vector.payload, carrier);
    }
  }
  await device.close();
});

test('no vector runs script, sends a request or escapes the message frame', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const app = new PetrelApp(page);
  const origin = new URL(process.env.PETREL_E2E_URL!).origin;
  const foreign: string[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  await page.addInitScript(() => {
    (window as unknown as { __petrelXss: number }).__petrelXss = 0;
  });
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:') || url === 'about:srcdoc') {
      return route.continue();
    }
    foreign.push(url);
    return route.abort();
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await app.signIn();
  const baseline = await injectionReport(page);
  expect(delivered.length).toBeGreaterThan(150);
  for (const message of delivered) {
    await page.evaluate(
      ([f, id]) => (window.location.hash = `#/folder/${encodeURIComponent(f!)}/message/${encodeURIComponent(id!)}`),
      [folder, message.id],
    );
    await expect(app.reader, message.label).toContainText(message.label.split(' ').slice(0, 2).join(' '));
    if (message.carrier === 'html') {
      await expect(app.reader.locator('iframe'), message.label).toHaveCount(1);
      const sandbox = (await app.reader.locator('iframe').getAttribute('sandbox')) ?? '';
      expect(sandbox, message.label).not.toMatch(/allow-scripts|allow-same-origin/);
      await expect(app.reader.locator('iframe')).toHaveAttribute('srcdoc', /Content-Security-Policy/);
    }
    expect(await injectionReport(page), message.label).toEqual(baseline);
    expect(await page.evaluate(() => (window as unknown as { __petrelXss: number }).__petrelXss), message.label).toBe(0);
  }
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
  expect(foreign).toEqual([]);
});

/** What a payload would have to add to the app's own document to escape the frame. */
function injectionReport(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      scripts: document.scripts.length,
      eventHandlerAttributes: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      javascriptUrls: all.filter((el) => [...el.attributes].some((a) => /^\s*javascript:/i.test(a.value))).length,
      activeEmbeds: document.querySelectorAll('object, embed, base, meta[http-equiv], form[action^="http"], svg animate, svg set').length,
      styleSheets: document.styleSheets.length,
    };
  });
}
