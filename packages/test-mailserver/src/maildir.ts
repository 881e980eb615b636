import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedMessage } from './types.ts';

/** Maildir info letters for IMAP system flags (https://cr.yp.to/proto/maildir.html). */
const FLAG_LETTERS: Record<string, string> = {
  '\\Draft': 'D',
  '\\Flagged': 'F',
  '\\Answered': 'R',
  '\\Seen': 'S',
  '\\Deleted': 'T',
};

/** Only plain ASCII names map 1:1 to directories; others need mUTF-7 and go through IMAP. */
export function canWriteDirectly(message: SeedMessage): boolean {
  return (
    /^[A-Za-z0-9 _/-]+$/.test(message.folder) &&
    message.flags.every((flag) => flag in FLAG_LETTERS)
  );
}

let dovecotIds: { uid: number; gid: number } | undefined;
function dovecotOwner(): { uid: number; gid: number } {
  dovecotIds ??= {
    uid: Number(execFileSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).trim()),
  };
  return dovecotIds;
}

/**
 * Delivers messages straight into a maildir (write to tmp/, rename into cur/), which is
 * safe while Dovecot runs and much faster than IMAP APPEND for big seeds. The folder
 * must already exist (created over IMAP so Dovecot's mailbox list knows it).
 */
export function writeToMaildir(home: string, messages: readonly SeedMessage[]): void {
  const owner = dovecotOwner();
  let sequence = 0;
  for (const message of messages) {
    const dir = join(home, message.folder);
    for (const sub of ['tmp', 'cur', 'new']) makeOwnedDirs(home, join(message.folder, sub), owner);
    const seconds = Math.floor(message.internalDate.getTime() / 1000);
    const info = message.flags
      .map((flag) => FLAG_LETTERS[flag])
      .sort()
      .join('');
    // S= is the file size, W= the size with CRLF line ends (RFC822.SIZE): giving both
    // spares Dovecot a read of every file when a client asks for sizes.
    const base = `${seconds}.M${sequence++}P${process.pid}.petrel,S=${message.raw.length},W=${virtualSize(message.raw)}`;
    const tmpPath = join(dir, 'tmp', base);
    writeFileSync(tmpPath, message.raw);
    chownSync(tmpPath, owner.uid, owner.gid);
    utimesSync(tmpPath, message.internalDate, message.internalDate);
    renameSync(tmpPath, join(dir, 'cur', `${base}:2,${info}`));
  }
}

/** mkdir -p below `home`, every created level owned by Dovecot's user so it can index there. */
function makeOwnedDirs(home: string, relative: string, owner: { uid: number; gid: number }): void {
  let path = home;
  for (const part of relative.split('/')) {
    path = join(path, part);
    if (existsSync(path)) continue;
    mkdirSync(path);
    chownSync(path, owner.uid, owner.gid);
  }
}

function virtualSize(raw: Buffer): number {
  let bareLineFeeds = 0;
  for (let i = raw.indexOf(10); i !== -1; i = raw.indexOf(10, i + 1)) {
    if (i === 0 || raw[i - 1] !== 13) bareLineFeeds++;
  }
  return raw.length + bareLineFeeds;
}
