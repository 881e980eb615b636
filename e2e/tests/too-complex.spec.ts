import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { otherDevice } from '../fixtures/mailbox.ts';
import { deeplyNestedMessage } from '../fixtures/nested-mail.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

test('a message too complex to display downloads as the original .eml, byte for byte', async ({
  page,
}) => {
  const mail = deeplyNestedMessage('Russian doll', 60);
  const device = await otherDevice();
  await device.append('INBOX', mail.raw);
  await device.close();

  const app = new PetrelApp(page);
  await app.signIn();
  await app.open(mail.subject);
  const notice = app.reader.getByRole('region', { name: 'This message is too complex to display' });
  await expect(notice).toBeVisible();

  const downloading = page.waitForEvent('download');
  await notice.getByRole('link', { name: 'Download the original message (.eml)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^message-\d+\.eml$/);
  const saved = await readFile(await download.path());
  expect(saved.equals(Buffer.from(mail.raw))).toBe(true);
});
