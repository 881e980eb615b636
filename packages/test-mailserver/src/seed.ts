import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { connectImap } from './imap-client.ts';
import { canWriteDirectly, writeToMaildir } from './maildir.ts';
import type { MailServer } from './mail-server.ts';
import type { MailUser, SeedMessage } from './types.ts';

/**
 * Creates the folders the messages need, then delivers plain-named folders straight into
 * the maildir and the rest with IMAP APPEND, and finally has Dovecot index the new files
 * (doveadm force-resync) before the first real client arrives.
 */
export async function seedMailbox(
  server: MailServer,
  user: MailUser,
  messages: readonly SeedMessage[],
): Promise<void> {
  const client = await connectImap(server, user);
  try {
    const existing = new Set((await client.list()).map((box) => box.path));
    const folders = [...new Set(messages.map((m) => m.folder))];
    for (const folder of folders) {
      if (existing.has(folder)) continue;
      await client.mailboxCreate(folder);
      await client.mailboxSubscribe(folder);
    }
    const direct = messages.filter(canWriteDirectly);
    writeToMaildir(join(server.root, 'mail', user.email), direct);
    for (const message of messages) {
      if (canWriteDirectly(message)) continue;
      await client.append(message.folder, message.raw, message.flags, message.internalDate);
    }
    // Files delivered in the same second as Dovecot's last look at a folder do not change
    // the directory's mtime, so Dovecot would not notice them: make it rescan.
    for (const folder of new Set(direct.map((m) => m.folder))) {
      const config = join(server.root, 'dovecot.conf');
      execFileSync('doveadm', ['-c', config, 'force-resync', '-u', user.email, folder]);
    }
  } finally {
    await client.logout();
  }
}
