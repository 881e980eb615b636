import type { ImapFlow } from 'imapflow';
import { connectImap } from './imap-client.ts';
import type { MailServer } from './mail-server.ts';
import type { MailUser } from './types.ts';

export interface ServerMessage {
  uid: number;
  flags: string[];
  messageId: string | null;
  subject: string | null;
}

export interface ServerFolder {
  path: string;
  specialUse: string | null;
  messages: number;
  unseen: number;
  uidValidity: string;
}

/**
 * A second, independent IMAP client: acts "from another device" in tests (append, flag,
 * expunge, move) and reads back what the server really holds.
 */
export class OtherDevice {
  private constructor(private readonly client: ImapFlow) {}

  static async connect(server: Pick<MailServer, 'host' | 'port'>, user: MailUser): Promise<OtherDevice> {
    return new OtherDevice(await connectImap(server, user));
  }

  async append(folder: string, raw: string | Buffer, flags: string[] = []): Promise<{ uid: number; uidValidity: string }> {
    const result = await this.client.append(folder, raw, flags);
    if (!result || !result.uid) throw new Error(`APPEND to ${folder} returned no UID (UIDPLUS missing?)`);
    return { uid: result.uid, uidValidity: String(result.uidValidity) };
  }

  addFlags(folder: string, uids: number[], flags: string[]): Promise<void> {
    return this.inFolder(folder, async () => {
      await this.client.messageFlagsAdd(uids, flags, { uid: true });
    });
  }

  removeFlags(folder: string, uids: number[], flags: string[]): Promise<void> {
    return this.inFolder(folder, async () => {
      await this.client.messageFlagsRemove(uids, flags, { uid: true });
    });
  }

  /** Sets \Deleted and UID EXPUNGEs exactly these messages (RFC 4315). */
  expunge(folder: string, uids: number[]): Promise<void> {
    return this.inFolder(folder, async () => {
      await this.client.messageDelete(uids, { uid: true });
    });
  }

  move(folder: string, uids: number[], destination: string): Promise<Map<number, number>> {
    return this.inFolder(folder, async () => {
      const result = await this.client.messageMove(uids, destination, { uid: true });
      return result ? result.uidMap ?? new Map() : new Map();
    });
  }

  /** Every message of a folder with its flags, ascending by UID. */
  messages(folder: string): Promise<ServerMessage[]> {
    return this.inFolder(folder, async () => {
      // A folder still selected from an earlier call hears of other sessions' expunges only
      // at a command that allows them (RFC 9051 §7.5.1: not during FETCH); NOOP is one.
      await this.client.noop();
      const out: ServerMessage[] = [];
      if (this.client.mailbox && this.client.mailbox.exists === 0) return out;
      for await (const msg of this.client.fetch('1:*', { uid: true, flags: true, envelope: true })) {
        out.push({
          uid: msg.uid,
          // \Recent belongs to one session (RFC 3501 2.3.2), not to the message.
          flags: [...(msg.flags ?? [])].filter((f) => f !== '\\Recent').sort(),
          messageId: msg.envelope?.messageId ?? null,
          subject: msg.envelope?.subject ?? null,
        });
      }
      return out.sort((a, b) => a.uid - b.uid);
    });
  }

  async folders(): Promise<ServerFolder[]> {
    const boxes = await this.client.list({ statusQuery: { messages: true, unseen: true, uidValidity: true } });
    return boxes.map((box) => ({
      path: box.path,
      specialUse: box.specialUse ?? null,
      messages: box.status?.messages ?? 0,
      unseen: box.status?.unseen ?? 0,
      uidValidity: String(box.status?.uidValidity ?? ''),
    }));
  }

  async createFolder(path: string): Promise<void> {
    await this.client.mailboxCreate(path);
  }

  async deleteFolder(path: string): Promise<void> {
    await this.client.mailboxDelete(path);
  }

  async renameFolder(path: string, newPath: string): Promise<void> {
    await this.client.mailboxRename(path, newPath);
  }

  async close(): Promise<void> {
    await this.client.logout().catch(() => this.client.close());
  }

  private async inFolder<T>(folder: string, work: () => Promise<T>): Promise<T> {
    const lock = await this.client.getMailboxLock(folder);
    try {
      return await work();
    } finally {
      lock.release();
    }
  }
}
