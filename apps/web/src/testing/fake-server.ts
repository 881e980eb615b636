import {
  decodeListCursor,
  decodeMessageId,
  encodeListCursor,
  encodeMessageId,
  formatStateToken,
  parseStateToken,
} from '@petrel/contract';
import type {
  ChangesResponse,
  Folder,
  MessageHeader,
  Op,
  OpResult,
  SpecialUse,
} from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { ApiError } from '../api/errors.ts';
import { UID_VALIDITY, folder as folderFixture, header } from './fixtures.ts';

interface FakeFolder {
  path: string;
  specialUse: SpecialUse | null;
  uidValidity: number;
  uidNext: number;
  messages: Map<number, MessageHeader>;
  vanished: Array<{ uid: number; modseq: number }>;
}

/**
 * An in-memory IMAP account behind the Api interface, with CONDSTORE-like semantics: one
 * modseq counter, per-message modseq, an expunge log, UIDVALIDITY and list cursors as the
 * contract describes. Records every call in `calls` for order assertions.
 */
export class FakeServer implements Api {
  readonly calls: string[] = [];
  /** Make the next `changes` call of these folders answer cannotCalculateChanges. */
  readonly cannotCalculate = new Set<string>();
  /** Answer the next postActions with this (an ApiError to fail the batch). */
  nextActions: ((ops: Op[]) => OpResult[] | Promise<OpResult[]>) | ApiError | null = null;
  private readonly folders = new Map<string, FakeFolder>();
  /** Results by opId, as the real server's idempotency log keeps them. */
  private readonly results = new Map<string, OpResult>();
  private modseq = 10;

  addFolder(path: string, count = 0, specialUse: SpecialUse | null = null): this {
    this.folders.set(path, {
      path,
      specialUse,
      uidValidity: UID_VALIDITY,
      uidNext: 1,
      messages: new Map(),
      vanished: [],
    });
    this.deliver(path, count);
    return this;
  }

  removeFolder(path: string): void {
    this.folders.delete(path);
  }

  /** New mail: `count` messages with fresh uids. Returns their headers. */
  deliver(path: string, count: number, overrides: Partial<MessageHeader> = {}): MessageHeader[] {
    const box = this.box(path);
    const added: MessageHeader[] = [];
    for (let i = 0; i < count; i++) {
      const uid = box.uidNext++;
      const message = header(uid, path, {
        uidValidity: box.uidValidity,
        modseq: String(++this.modseq),
        ...overrides,
      });
      box.messages.set(uid, message);
      added.push(message);
    }
    return added;
  }

  setFlags(path: string, uid: number, flags: string[]): MessageHeader {
    const box = this.box(path);
    const message = box.messages.get(uid);
    if (!message) throw new Error(`no uid ${uid}`);
    const next = { ...message, flags, modseq: String(++this.modseq) };
    box.messages.set(uid, next);
    return next;
  }

  expunge(path: string, uid: number): void {
    const box = this.box(path);
    box.messages.delete(uid);
    box.vanished.push({ uid, modseq: ++this.modseq });
  }

  /** A new UIDVALIDITY: every message gets a new uid (same Message-ID). */
  renumber(path: string): void {
    const box = this.box(path);
    const old = [...box.messages.values()].sort((a, b) => a.uid - b.uid);
    box.uidValidity += 1;
    box.uidNext = 1;
    box.messages.clear();
    box.vanished = [];
    for (const message of old) {
      const uid = box.uidNext++;
      box.messages.set(uid, {
        ...message,
        uid,
        uidValidity: box.uidValidity,
        id: encodeMessageId({ folder: path, uidValidity: box.uidValidity, uid }),
      });
    }
  }

  state(path: string): string {
    const box = this.box(path);
    return formatStateToken({
      uidValidity: box.uidValidity,
      highestModseq: String(this.modseq),
      uidNext: box.uidNext,
    });
  }

  message(path: string, uid: number): MessageHeader | undefined {
    return this.box(path).messages.get(uid);
  }

  uids(path: string): number[] {
    return [...this.box(path).messages.keys()].sort((a, b) => a - b);
  }

  folderInfo(path: string): Folder {
    const box = this.box(path);
    const messages = [...box.messages.values()];
    return folderFixture(path, {
      specialUse: box.specialUse,
      total: messages.length,
      unread: messages.filter((m) => !m.flags.includes('\\Seen')).length,
      state: this.state(path),
      uidValidity: box.uidValidity,
      highestModseq: String(this.modseq),
    });
  }

  // --- Api ---

  async getSession() {
    this.calls.push('session');
    return { user: { email: 'demo@petrel.test' }, protocolVersion: 1 };
  }

  async login() {
    this.calls.push('login');
    return { user: { email: 'demo@petrel.test' }, protocolVersion: 1 };
  }

  async logout() {
    this.calls.push('logout');
  }

  async listFolders() {
    this.calls.push('folders');
    return { folders: [...this.folders.keys()].map((path) => this.folderInfo(path)) };
  }

  async listMessages(path: string, page: { cursor?: string; limit?: number }) {
    this.calls.push(page.cursor ? `list ${path} ${page.cursor}` : `list ${path}`);
    const box = this.box(path);
    const state = this.state(path);
    let before = Number.MAX_SAFE_INTEGER;
    if (page.cursor) {
      const position = decodeListCursor(page.cursor);
      if (!position || position.uidValidity !== box.uidValidity) {
        throw new ApiError('cannot_calculate_changes', 'stale cursor', 409);
      }
      before = position.beforeUid;
    }
    const limit = page.limit ?? 100;
    const older = [...box.messages.values()]
      .filter((m) => m.uid < before)
      .sort((a, b) => b.uid - a.uid);
    const messages = older.slice(0, limit);
    const last = messages.at(-1);
    const nextCursor =
      older.length > limit && last
        ? encodeListCursor({ uidValidity: box.uidValidity, beforeUid: last.uid })
        : null;
    return { messages, nextCursor, state };
  }

  async getChanges(path: string, since: string): Promise<ChangesResponse> {
    this.calls.push(`changes ${path}`);
    const box = this.box(path);
    const token = parseStateToken(since);
    if (this.cannotCalculate.delete(path) || !token || token.uidValidity !== box.uidValidity) {
      return { kind: 'cannotCalculateChanges', state: this.state(path), reason: 'tooOld' };
    }
    const after = Number(token.highestModseq);
    const changed = [...box.messages.values()].filter((m) => Number(m.modseq) > after);
    return {
      kind: 'changes',
      state: this.state(path),
      added: changed.filter((m) => m.uid >= token.uidNext),
      updated: changed
        .filter((m) => m.uid < token.uidNext)
        .map((m) => ({ uid: m.uid, flags: m.flags, modseq: m.modseq ?? '0' })),
      vanished: box.vanished
        .filter((v) => v.modseq > after && v.uid < token.uidNext)
        .map((v) => v.uid),
      hasMore: false,
    };
  }

  async getMessage(id: string) {
    this.calls.push(`message ${id}`);
    const ref = decodeMessageId(id);
    const message = ref ? this.folders.get(ref.folder)?.messages.get(ref.uid) : undefined;
    if (!message) throw ApiError.of('message_not_found', 404);
    return {
      id,
      header: message,
      html: `<p>${message.subject}</p>`,
      text: message.subject,
      attachments: [],
      inline: [],
      headers: [],
    };
  }

  async postActions(ops: Op[]) {
    this.calls.push(`actions ${ops.map((op) => op.type).join(',')}`);
    const next = this.nextActions;
    this.nextActions = null;
    if (next instanceof ApiError) throw next;
    if (next) return { results: await next(ops) };
    return { results: ops.map((op) => this.applyOnce(op)) };
  }

  /** Applies an op unless its opId was applied before; then answers the first result. */
  applyOnce(op: Op): OpResult {
    const known = this.results.get(op.opId);
    if (known) return known;
    const result = this.apply(op);
    this.results.set(op.opId, result);
    return result;
  }

  /** Applies one op as the real server would (MOVE with COPYUID). */
  apply(op: Op): OpResult {
    const box = this.folders.get(op.target.folder);
    if (!box) return { opId: op.opId, status: 'gone' };
    if (box.uidValidity !== op.target.uidValidity) return { opId: op.opId, status: 'stale' };
    const message = box.messages.get(op.target.uid);
    if (!message) return { opId: op.opId, status: 'gone' };
    if (op.type === 'setFlags') {
      const flags = [
        ...message.flags.filter((f) => !op.remove.includes(f) && !op.add.includes(f)),
        ...op.add,
      ];
      this.setFlags(box.path, message.uid, flags);
      return { opId: op.opId, status: 'applied' };
    }
    const destination =
      op.type === 'move'
        ? op.destination
        : [...this.folders.values()].find((f) => f.specialUse === '\\Trash')?.path;
    if (!destination || !this.folders.has(destination))
      return { opId: op.opId, status: 'failed', code: 'folder_not_found', message: 'No folder.' };
    this.expunge(box.path, message.uid);
    if (destination === box.path) return { opId: op.opId, status: 'applied' };
    const [moved] = this.deliver(destination, 1, {
      subject: message.subject,
      messageId: message.messageId,
      flags: message.flags,
      date: message.date,
    });
    if (!moved) throw new Error('unreachable');
    return {
      opId: op.opId,
      status: 'applied',
      newRef: { folder: destination, uidValidity: moved.uidValidity, uid: moved.uid },
    };
  }

  private box(path: string): FakeFolder {
    const box = this.folders.get(path);
    if (!box) throw ApiError.of('folder_not_found', 404);
    return box;
  }
}
