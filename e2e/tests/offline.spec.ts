import { expect, test } from '@playwright/test';
import { DEMO_USER } from '@petrel/test-mailserver';
import { otherDevice } from '../fixtures/mailbox.ts';
import { copiesIn, ownFolder, serverMessages, summary } from '../fixtures/offline.ts';
import type { OwnMail } from '../fixtures/offline.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';

// Tall enough that the virtualized list renders every row of a test folder.
test.use({ viewport: { width: 1280, height: 2400 } });

async function actOn(
  app: PetrelApp,
  mail: readonly OwnMail[],
  button: string,
  clear = true,
): Promise<void> {
  for (const message of mail) await app.select(message.subject);
  await app.button(button).click();
  if (clear) await app.clearSelection();
}

test('actions taken offline survive a reload and reach the server once when back online', async ({
  page,
  context,
}) => {
  const device = await otherDevice();
  const { folder, mail } = await ownFolder(device, 'Offline', 33);
  const [read, flagged, archived, deleted] = [
    mail.slice(0, 20),
    mail.slice(20, 25),
    mail.slice(25, 30),
    mail.slice(30, 33),
  ];
  const app = new PetrelApp(page);
  await app.signIn();
  const controlled = await app.serviceWorkerReady();
  await app.folder(folder).click();
  await expect(app.row(mail[32]!.subject)).toBeVisible();

  await context.setOffline(true);
  await expect(app.offlineBanner).toBeVisible();
  await actOn(app, read, 'Mark as read');
  await actOn(app, flagged, 'Flag');
  await actOn(app, archived, 'Archive', false);
  await actOn(app, deleted, 'Delete', false);
  await expect(app.pendingChanges).toHaveAccessibleDescription('33 waiting');

  // Reloading without network needs the service worker's app shell (apps/web/src/sw).
  test.info().annotations.push({
    type: 'offline reload',
    description: controlled
      ? 'reloaded offline from the service worker'
      : 'not done: this build has no service worker',
  });
  if (controlled) {
    await page.reload();
    await expect(app.offlineBanner).toBeVisible();
  }
  await expect(app.pendingChanges).toHaveAccessibleDescription('33 waiting');
  for (const message of read)
    await expect(app.row(message.subject)).not.toHaveAccessibleName(/^Unread/);
  for (const message of flagged)
    await expect(app.row(message.subject)).toHaveAccessibleName(/Flagged/);
  for (const message of [...archived, ...deleted])
    await expect(app.row(message.subject)).toHaveCount(0);
  expect((await serverMessages(folder)).filter((m) => m.flags.length > 0)).toEqual([]);

  await context.setOffline(false);
  await expect
    .poll(
      async () => {
        const [inFolder, inArchive, inTrash] = await Promise.all([
          copiesIn(folder),
          copiesIn('Archive'),
          copiesIn('Trash'),
        ]);
        return {
          read: read.every(
            (m) =>
              inFolder.get(m.messageId)?.length === 1 &&
              inFolder.get(m.messageId)?.[0]?.includes('\\Seen'),
          ),
          flagged: flagged.every((m) => inFolder.get(m.messageId)?.[0]?.includes('\\Flagged')),
          archived: archived.every((m) => inArchive.get(m.messageId)?.length === 1),
          deleted: deleted.every((m) => inTrash.get(m.messageId)?.length === 1),
          left: inFolder.size,
          withFlags: [...inFolder.values()].flat().filter((flags) => flags.length > 0).length,
        };
      },
      { timeout: 5_000, intervals: [250] },
    )
    .toEqual({ read: true, flagged: true, archived: true, deleted: true, left: 25, withFlags: 25 });
  await expect(app.page.getByText('33 changes synced.')).toBeVisible();
  await expect(app.pendingChanges).toHaveAccessibleDescription('0 waiting');
  await expect(app.offlineBanner).toHaveCount(0);
  await device.close();
});

test('a change made elsewhere while offline ends as a visible conflict; the rest applies', async ({
  page,
  context,
}) => {
  const device = await otherDevice();
  const { folder, mail } = await ownFolder(device, 'Conflict', 5);
  const [expunged, readElsewhere, flagged, archived, untouched] = mail as [
    OwnMail,
    OwnMail,
    OwnMail,
    OwnMail,
    OwnMail,
  ];
  const app = new PetrelApp(page);
  await app.signIn();
  await app.folder(folder).click();
  await expect(app.row(untouched.subject)).toBeVisible();

  await context.setOffline(true);
  await actOn(app, [expunged, readElsewhere, flagged], 'Flag');
  await actOn(app, [archived], 'Archive', false);
  const uids = new Map((await device.messages(folder)).map((m) => [m.messageId, m.uid]));
  await device.expunge(folder, [uids.get(expunged.messageId)!]);
  await device.addFlags(folder, [uids.get(readElsewhere.messageId)!], ['\\Seen']);
  await context.setOffline(false);

  const conflict = page.getByRole('alert').filter({ hasText: expunged.subject });
  await expect(conflict).toContainText('deleted or moved on another device');
  await expect(app.row(expunged.subject)).toHaveCount(0);
  await expect
    .poll(() => summary(folder))
    .toEqual(
      [
        `${flagged.subject}:\\Flagged`,
        `${readElsewhere.subject}:\\Flagged \\Seen`,
        `${untouched.subject}:`,
      ].sort(),
    );
  expect((await copiesIn('Archive')).get(archived.messageId)).toHaveLength(1);
  // The cache equals the server: the same rows, read state and flags.
  await expect(app.row(readElsewhere.subject)).toHaveAccessibleName(/^Flagged/);
  await expect(app.row(flagged.subject)).toHaveAccessibleName(/^Unread, Flagged/);
  await expect(app.row(untouched.subject)).toHaveAccessibleName(/^Unread, Quentin/);
  await expect(app.messageList.getByRole('row')).toHaveCount(3);

  await app.pendingChanges.click();
  const dialog = page.getByRole('dialog', { name: 'Pending changes' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Dismiss' }).click();
  await expect(dialog).toContainText('Every change has reached the server.');
  await expect(conflict).toHaveCount(0);
  await device.close();
});

test('two tabs acting offline: the queue replays once', async ({ page, context }) => {
  const device = await otherDevice();
  const { folder, mail } = await ownFolder(device, 'Tabs', 6);
  const first = new PetrelApp(page);
  await first.signIn();
  const second = new PetrelApp(await context.newPage());
  await second.page.goto('/');
  for (const app of [first, second]) {
    await app.folder(folder).click();
    await expect(app.row(mail[5]!.subject)).toBeVisible();
  }

  await context.setOffline(true);
  await actOn(first, [mail[0]!, mail[1]!], 'Flag');
  await actOn(first, [mail[2]!], 'Archive', false);
  await actOn(second, [mail[3]!, mail[4]!], 'Mark as read');
  await actOn(second, [mail[1]!], 'Mark as read');
  await expect(first.pendingChanges).toHaveAccessibleDescription('5 waiting');
  await expect(second.pendingChanges).toHaveAccessibleDescription('5 waiting');
  await context.setOffline(false);

  await expect
    .poll(() => summary(folder))
    .toEqual(
      [
        `${mail[0]!.subject}:\\Flagged`,
        `${mail[1]!.subject}:\\Flagged \\Seen`,
        `${mail[3]!.subject}:\\Seen`,
        `${mail[4]!.subject}:\\Seen`,
        `${mail[5]!.subject}:`,
      ].sort(),
    );
  expect((await copiesIn('Archive')).get(mail[2]!.messageId)).toHaveLength(1);
  await expect(first.pendingChanges).toHaveAccessibleDescription('0 waiting');
  await expect(second.pendingChanges).toHaveAccessibleDescription('0 waiting');
  await device.close();
});

test('a session that expired while offline waits for sign-in; nothing queued is lost', async ({
  page,
  context,
}) => {
  const device = await otherDevice();
  const { folder, mail } = await ownFolder(device, 'Expired', 2);
  const app = new PetrelApp(page);
  await app.signIn();
  await app.folder(folder).click();
  await expect(app.row(mail[1]!.subject)).toBeVisible();

  await context.setOffline(true);
  await actOn(app, mail, 'Flag');
  // The server forgets the session (as after its idle timeout) while the browser is offline.
  const ended = await page.request.delete('/api/session', { headers: { 'X-Petrel-CSRF': '1' } });
  expect(ended.status()).toBe(204);
  await context.setOffline(false);

  await expect(page.getByText('Your session has ended.')).toBeVisible();
  expect((await serverMessages(folder)).map((m) => m.flags)).toEqual([[], []]);
  await page.getByLabel('Email').fill(DEMO_USER.email);
  await page.getByLabel('Password').fill(DEMO_USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(async () => (await serverMessages(folder)).map((m) => m.flags))
    .toEqual([['\\Flagged'], ['\\Flagged']]);
  await device.close();
});
