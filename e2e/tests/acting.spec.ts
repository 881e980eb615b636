import { expect, test } from '@playwright/test';
import { otherDevice, uniqueMessage } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

test('flagging from the toolbar reaches the server', async ({ page }) => {
  const device = await otherDevice();
  const mail = uniqueMessage('Flag me');
  const { uid } = await device.append('INBOX', mail.raw);
  const app = new PetrelApp(page);
  await app.signIn();
  await app.open(mail.subject);
  await app.button('Flag').click();
  await expect
    .poll(async () => (await device.messages('INBOX')).find((m) => m.uid === uid)?.flags)
    .toContain('\\Flagged');
  await app.button('Unflag').click();
  await expect
    .poll(async () => (await device.messages('INBOX')).find((m) => m.uid === uid)?.flags)
    .not.toContain('\\Flagged');
  await device.close();
});

test('dragging a message onto a folder moves it on the server', async ({ page }) => {
  const device = await otherDevice();
  const mail = uniqueMessage('Drag me');
  await device.append('INBOX', mail.raw);
  const app = new PetrelApp(page);
  await app.signIn();
  await app.row(mail.subject).dragTo(app.folder('Projects'));
  await expect(app.row(mail.subject)).toHaveCount(0);
  await expect
    .poll(async () => (await device.messages('Projects')).some((m) => m.messageId === mail.messageId))
    .toBe(true);
  expect((await device.messages('INBOX')).some((m) => m.messageId === mail.messageId)).toBe(false);
  await device.close();
});

test('changes made by another client show up without a reload', async ({ page }) => {
  const device = await otherDevice();
  const app = new PetrelApp(page);
  await app.signIn();

  const arriving = uniqueMessage('Pushed');
  const { uid } = await device.append('INBOX', arriving.raw);
  await expect(app.row(arriving.subject)).toBeVisible();
  await expect(app.row(arriving.subject)).toHaveAccessibleName(/unread/i);

  await device.addFlags('INBOX', [uid], ['\\Seen']);
  await expect(app.row(arriving.subject)).not.toHaveAccessibleName(/unread/i);

  await device.expunge('INBOX', [uid]);
  await expect(app.row(arriving.subject)).toHaveCount(0);
  await device.close();
});
