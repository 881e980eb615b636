import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { OtherDevice } from '@petrel/test-mailserver';
import { imapServer, uniqueMessage } from '../fixtures/mailbox.ts';
import { PetrelApp } from '../fixtures/petrel-app.ts';
import { SECRET_USER } from '../fixtures/users.ts';

// The password must never reach the browser's storage or the server's log, and signing out
// must wipe the account's cached mail from IndexedDB.

/** Everything the page can store: every IndexedDB database's records, Web Storage, cookies. */
function dumpBrowserStorage(page: Page): Promise<{ names: string[]; text: string }> {
  return page.evaluate(async () => {
    const chunks: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
    const names: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      // Opening must not create: a database listed just before the app's delete of it went
      // through would come back empty (an open queued behind a delete creates it again), and
      // the wiped cache would seem to be there. `upgradeneeded` without a version means
      // "does not exist": abort that creation and count the database as gone.
      const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
      });
      if (db === null) continue;
      names.push(info.name);
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        chunks.push(JSON.stringify(rows));
      }
      db.close();
    }
    return { names, text: chunks.join('\n') };
  });
}

test('the password never reaches browser storage or the server log; signing out wipes the cache', async ({ page }) => {
  const device = await OtherDevice.connect(imapServer(), SECRET_USER);
  const mail = uniqueMessage('Keep this secret');
  await device.append('INBOX', mail.raw);
  await device.close();
  const app = new PetrelApp(page);
  await app.signIn(SECRET_USER.email, SECRET_USER.password);
  await expect(app.row(mail.subject)).toBeVisible();
  await app.folder('Sent').click();
  await page.reload();
  await expect(app.folders).toBeVisible();

  const stored = await dumpBrowserStorage(page);
  const accountDb = stored.names.find((name) => name.includes(SECRET_USER.email));
  expect(accountDb, 'the account has a cache to wipe').toBeDefined();
  const encodings = [SECRET_USER.password, Buffer.from(SECRET_USER.password).toString('base64'), encodeURIComponent(SECRET_USER.password)];
  for (const secret of encodings) expect(stored.text).not.toContain(secret);

  await app.button('Sign out').click();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect.poll(async () => (await dumpBrowserStorage(page)).names).not.toContain(accountDb);

  const log = readFileSync(process.env.PETREL_E2E_SERVER_LOG!, 'utf8');
  expect(log).toContain(SECRET_USER.email); // the log is the real one, and it saw this login
  for (const secret of encodings) expect(log).not.toContain(secret);
});
