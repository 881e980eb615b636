import type { ErrorCode, Folder } from '@petrel/contract';
import type { ImapAccess } from '../imap/imap-access.ts';
import { describeFolder } from './folder-list.ts';
import { ApiError } from '../plugins/api-error.ts';
import { refusalAsApiError } from './imap-refusal.ts';
import { forgetKeptPage } from './kept-page.ts';
import { canonicalFolder } from './mailbox.ts';

/**
 * CREATE, RENAME and DELETE (RFC 9051 §6.3.4–6.3.6). Paths reach imapflow as command
 * arguments, which it sends as quoted strings or literals and never splices into the command
 * line; the contract has already refused CR, LF and NUL.
 */

export async function createFolder(access: ImapAccess, path: string): Promise<Folder> {
  const target = canonicalFolder(path);
  return access.withClient(async (client) => {
    const result = await client.mailboxCreate(target).catch((error: unknown) => {
      // The create route has no folder_not_found or forbidden: any NO is a refusal.
      throw refusalAsApiError(error, (code) =>
        code === 'folder_exists' || code === 'quota_exceeded' ? code : 'imap_rejected',
      );
    });
    // imapflow turns RFC 5530 ALREADYEXISTS into `created: false`.
    if (!result.created) throw new ApiError('folder_exists');
    return describeFolder(client, target);
  });
}

/** Children move with the folder (RFC 9051 §6.3.6), and so do the subscriptions. */
export async function renameFolder(
  access: ImapAccess,
  path: string,
  newPath: string,
): Promise<Folder> {
  const from = canonicalFolder(path);
  const to = canonicalFolder(newPath);
  return access.withClient(async (client) => {
    const boxes = await client.list();
    const folder = boxes.find((box) => canonicalFolder(box.path) === from);
    if (!folder) throw new ApiError('folder_not_found');
    forgetKeptPage(client);
    await client.mailboxRename(from, to).catch((error: unknown) => {
      throw refusalAsApiError(error);
    });
    // RENAME leaves the subscription list alone (Dovecot does too), so without this the
    // folder and its children would drop out of a client that shows subscribed ones only.
    const prefix = folder.delimiter ? `${from}${folder.delimiter}` : null;
    for (const box of boxes) {
      const moved = box === folder || (prefix !== null && box.path.startsWith(prefix));
      if (!moved || box.subscribed !== true) continue;
      await client.mailboxSubscribe(to + box.path.slice(from.length));
      await client.mailboxUnsubscribe(box.path);
    }
    return describeFolder(client, to);
  });
}

export async function deleteFolder(access: ImapAccess, path: string): Promise<void> {
  const target = canonicalFolder(path);
  // RFC 9051 §6.3.4: deleting INBOX is an error; say so in our words, not the server's.
  if (target === 'INBOX') throw new ApiError('forbidden', 'INBOX cannot be deleted.');
  await access.withClient(async (client) => {
    forgetKeptPage(client);
    await client.mailboxDelete(target).catch((error: unknown) => {
      throw refusalAsApiError(error, deleteCode);
    });
    // A subscription outlives its folder (RFC 9051 §6.3.9); clients listing subscriptions
    // (LSUB) would keep showing it.
    await client.mailboxUnsubscribe(target);
  });
}

function deleteCode(code: ErrorCode): ErrorCode {
  return code === 'folder_exists' || code === 'quota_exceeded' ? 'imap_rejected' : code;
}
