import { expect, test } from '@playwright/test';
import { otherDevice } from '../fixtures/mailbox.ts';

test('the other device sees the seeded demo mailbox', async () => {
  const device = await otherDevice();
  const folders = await device.folders();
  await device.close();
  expect(folders.find((f) => f.path === 'INBOX')?.messages).toBeGreaterThan(1000);
});
