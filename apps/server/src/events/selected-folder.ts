import { MAX_PUSHED_HEADERS, formatStateToken } from '@petrel/contract';
import type { FlagUpdate, FolderState, MessageHeader } from '@petrel/contract';
import type {
  ExistsEvent,
  ExpungeEvent,
  FlagsEvent,
  ImapFlow,
  MailboxObject,
  StatusObject,
} from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import type { EventSink } from './event-log.ts';
import { outsideQueues } from './outside-queues.ts';
import { fetchNewUids, type NewMail, type NewMailFetcher } from './pushed-headers.ts';
import type { WatchMemory } from './watch-memory.ts';

export interface SelectedFolderOptions {
  client: ImapFlow;
  access: ImapAccess;
  folder: string;
  sink: EventSink;
  memory: WatchMemory;
  /** Without it (or beyond MAX_PUSHED_HEADERS) new mail is announced by the STATUS poll. */
  fetchHeaders: NewMailFetcher | null;
  /** False while no client listens: then no IMAP work is done for the watcher. */
  isActive: () => boolean;
  requestPoll: () => void;
  onError: (error: unknown) => void;
}

/**
 * Turns the untagged responses the server sends about the selected folder while the pool
 * IDLEs on it (RFC 2177) into events: EXISTS → messagesAdded, FETCH FLAGS MODSEQ
 * (RFC 7162 §3.1.4) → flagsChanged, VANISHED (RFC 7162 §3.2.10, needs QRESYNC enabled) →
 * messagesVanished. Other IMAP clients' changes arrive the same way.
 *
 * State tokens. A SELECT reports a consistent snapshot (UIDVALIDITY, HIGHESTMODSEQ, UIDNEXT),
 * the base of a chain of events. Pushed headers advance uidNext; the mod-sequence stays at
 * the snapshot's, because an unsolicited FETCH that arrives during another caller's FETCH
 * is consumed by that command in imapflow, so "every change up to modseq N was sent" can
 * never be promised. A token with a lower modseq only makes `changes` repeat a little. When
 * a change cannot become an event (no UID, no MODSEQ, too many new messages), events carry
 * null states until the next SELECT, and the STATUS poll reports the folder so clients call
 * `changes`. The poll also reports it when HIGHESTMODSEQ moved past anything seen (an
 * expunge, or an update consumed elsewhere).
 *
 * Latency. Each event costs the user push latency on top of the IMAP server's own delay, so
 * a change is sent as soon as the burst of untagged lines that carried it has been read (one
 * turn of the event loop), not after a collecting window; changes that arrive while a batch
 * is being fetched and sent are coalesced into the next one, sent right after it.
 * What remains is the IMAP server's: Dovecot 2.3 tells an IDLE (or NOTIFY) session of new
 * mail 500 ms after the first filesystem event (NOTIFY_DELAY_MSECS), and at 100k messages
 * its first command after that (index updates) takes 60–300 ms. A NOOP sees new mail at
 * once, but only a poll every ~250 ms per open tab would beat the delay: not done, as it
 * multiplies the load on the IMAP server by the number of users.
 */
export class SelectedFolderWatch {
  private tracked: Tracked | null = null;
  private batch: Batch | null = null;
  private sealSoon: NodeJS.Immediate | null = null;
  /** Sealed batches not yet sent; while any is, new changes wait in `batch`. */
  private unsent = 0;
  private flushes: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly detach: () => void;

  constructor(private readonly o: SelectedFolderOptions) {
    const { client, folder } = o;
    // imapflow emits these in its socket's async context, which may be a queue task's
    // (outside-queues.ts); the work they start must queue like any other.
    const onOpen = outsideQueues(
      (mailbox: MailboxObject) => mailbox.path === folder && this.rebase(mailbox, true),
    );
    const onExists = outsideQueues(
      (event: ExistsEvent) => event.path === folder && this.onExists(event),
    );
    const onFlags = outsideQueues(
      (event: FlagsEvent) => event.path === folder && this.onFlags(event),
    );
    const onExpunge = outsideQueues(
      (event: ExpungeEvent) => event.path === folder && this.onExpunge(event),
    );
    client.on('mailboxOpen', onOpen);
    client.on('exists', onExists);
    client.on('flags', onFlags);
    client.on('expunge', onExpunge);
    this.detach = () => {
      client.off('mailboxOpen', onOpen);
      client.off('exists', onExists);
      client.off('flags', onFlags);
      client.off('expunge', onExpunge);
    };
    // Selected before we listened: what happened in between is unknown, so no chain yet.
    if (client.mailbox && client.mailbox.path === folder) this.rebase(client.mailbox, false);
  }

  stop(): void {
    this.stopped = true;
    this.detach();
    if (this.sealSoon) clearImmediate(this.sealSoon);
  }

  /** The state the STATUS poll reports for this folder (see the class comment). */
  reportedState(status: StatusObject): string | null {
    const current = stateOfStatus(status);
    const t = this.tracked;
    if (current === null) return null;
    if (t === null || !t.exact || current.uidValidity !== t.state.uidValidity)
      return formatStateToken(current);
    if (BigInt(current.highestModseq) > t.maxSeen || current.uidNext > t.state.uidNext) {
      t.maxSeen = BigInt(current.highestModseq);
      t.override = formatStateToken(current);
    }
    return t.override ?? formatStateToken(t.state);
  }

  private rebase(mailbox: MailboxObject, exact: boolean): void {
    this.seal();
    const state: FolderState = {
      uidValidity: Number(mailbox.uidValidity),
      highestModseq: String(mailbox.highestModseq ?? 0n),
      uidNext: mailbox.uidNext,
    };
    const before = this.o.memory.selected;
    if (before !== null && before.uidValidity !== state.uidValidity) {
      // RFC 9051 §2.3.1.1: every cached UID of the folder is void.
      this.o.sink({ type: 'resync', folder: this.o.folder, reason: 'uidValidityChanged' });
    } else if (before !== null && formatStateToken(before) !== formatStateToken(state)) {
      this.o.requestPoll(); // changed while no chain covered it: let the poll announce it
    }
    const condstore = mailbox.highestModseq !== undefined && !mailbox.noModseq;
    this.tracked = {
      state,
      exact: exact && condstore,
      maxSeen: mailbox.highestModseq ?? 0n,
      override: null,
    };
    this.o.memory.selected = state;
  }

  private onExists(event: ExistsEvent): void {
    if (event.count > event.prevCount && this.accepting())
      this.note().added += event.count - event.prevCount;
  }

  private onFlags(event: FlagsEvent): void {
    if (!this.accepting()) return;
    const batch = this.note();
    const uidNext = this.tracked?.state.uidNext ?? 0;
    // A message not yet announced: its pushed header carries its flags.
    if (event.uid !== undefined && uidNext > 0 && event.uid >= uidNext) return;
    if (event.uid === undefined || event.modseq === undefined) {
      // Servers owe the UID in unsolicited FETCH only once QRESYNC is enabled (RFC 7162;
      // Dovecot leaves it out otherwise), and MODSEQ only with CONDSTORE.
      batch.inexact = true;
      return;
    }
    // \Recent belongs to one IMAP session (RFC 3501 §2.3.2), not to the message.
    const flags = [...event.flags].filter((flag) => flag !== '\\Recent');
    batch.flags.set(event.uid, { uid: event.uid, flags, modseq: event.modseq.toString() });
    if (event.modseq > batch.maxModseq) batch.maxModseq = event.modseq;
  }

  private onExpunge(event: ExpungeEvent): void {
    // VANISHED (EARLIER) repeats old expunges in answer to a command (RFC 7162 §3.2.10).
    if (event.earlier || !this.accepting()) return;
    const batch = this.note();
    if (event.uid === undefined) {
      batch.inexact = true; // a plain EXPUNGE names a sequence number only: QRESYNC is off
      return;
    }
    batch.vanished.add(event.uid);
    batch.flags.delete(event.uid);
  }

  /**
   * While nobody listens the watcher sends no commands (they would keep the pooled
   * connection from ever idle-closing). The chain is void then; once a client listens
   * again, the poll sees HIGHESTMODSEQ past anything sent and reports the folder.
   */
  private accepting(): boolean {
    if (this.o.isActive()) return true;
    if (this.tracked) this.tracked.exact = false;
    return false;
  }

  private note(): Batch {
    if (this.batch === null) {
      this.batch = {
        base: this.tracked,
        added: 0,
        flags: new Map(),
        vanished: new Set(),
        inexact: false,
        maxModseq: 0n,
      };
      // The rest of the burst (RECENT, HIGHESTMODSEQ, more FETCH lines) is parsed first.
      if (this.unsent === 0) this.sealSoon = setImmediate(() => this.seal());
    }
    return this.batch;
  }

  /** Queues the open batch for sending; flushes run one at a time, in order. */
  private seal(): void {
    const batch = this.batch;
    if (this.sealSoon) clearImmediate(this.sealSoon);
    this.sealSoon = null;
    if (batch === null) return;
    this.batch = null;
    this.unsent += 1;
    this.flushes = this.flushes
      .then(() => this.flush(batch))
      .catch((error: unknown) => this.o.onError(error))
      .finally(() => {
        this.unsent -= 1;
        // What came in meanwhile goes out at once, as one batch.
        if (this.unsent === 0 && !this.stopped) this.seal();
      });
  }

  private async flush(batch: Batch): Promise<void> {
    const t = this.tracked;
    if (this.stopped || t === null) return;
    if (batch.base !== t) {
      // From before the latest SELECT, whose snapshot already counts these changes (and
      // rebase() asked the poll to announce it): send what is known, vouching for no state.
      this.emit(batch, [], t.state, t.state, false);
      return;
    }
    const before = t.state;
    let headers: MessageHeader[] = [];
    let exact = !batch.inexact;
    try {
      if (batch.added > 0) {
        const added = await this.fetchNew(before.uidNext, batch.added);
        if (added.headers !== null) headers = added.headers;
        else if (added.uids.length > 0) exact = false;
        // The fetch cursor moves past them even when they were only announced by the poll.
        if (added.uids.length > 0 && this.tracked === t)
          t.state = { ...t.state, uidNext: Math.max(...added.uids) + 1 };
      }
    } catch (error) {
      this.o.onError(error);
      exact = false;
    }
    if (this.stopped) return;
    const current = this.tracked === t;
    this.emit(
      batch,
      headers,
      before,
      headers.length > 0 ? t.state : before,
      exact && t.exact && current,
    );
    if (!current) return;
    const seen = headers.reduce(
      (max, header) =>
        header.modseq !== null && BigInt(header.modseq) > max ? BigInt(header.modseq) : max,
      batch.maxModseq,
    );
    if (seen > t.maxSeen) t.maxSeen = seen;
    t.override = null;
    this.o.memory.selected = t.state;
    if (!exact) {
      t.exact = false;
      this.o.requestPoll();
    }
  }

  /** Sends the batch as one event per kind, chained from `before` to `after`. */
  private emit(
    batch: Batch,
    headers: MessageHeader[],
    before: FolderState,
    after: FolderState,
    continuous: boolean,
  ): void {
    const { folder, sink } = this.o;
    const token = (state: FolderState) => (continuous ? formatStateToken(state) : null);
    if (batch.vanished.size > 0) {
      const uids = [...batch.vanished].sort((a, b) => a - b);
      sink({
        type: 'messagesVanished',
        folder,
        prevState: token(before),
        state: token(before),
        uids,
      });
    }
    if (headers.length > 0) {
      sink({
        type: 'messagesAdded',
        folder,
        prevState: token(before),
        state: token(after),
        headers,
      });
    }
    if (batch.flags.size > 0) {
      const changes = [...batch.flags.values()].sort((a, b) => a.uid - b.uid);
      sink({ type: 'flagsChanged', folder, prevState: token(after), state: token(after), changes });
    }
  }

  /**
   * The messages at or above `from`, with headers unless more came (by the EXISTS counts)
   * than an event may carry: then only their UIDs, and the poll announces them.
   */
  private fetchNew(from: number, expected: number): Promise<NewMail> {
    const { folder, fetchHeaders } = this.o;
    return this.o.access.withMailbox(folder, async (client, mailbox) => {
      if (fetchHeaders !== null && expected <= MAX_PUSHED_HEADERS)
        return fetchHeaders(client, mailbox, from);
      return { uids: await fetchNewUids(client, from), headers: null };
    });
  }
}

interface Tracked {
  state: FolderState;
  /** False once a change could not become an event: no state is vouched for until a SELECT. */
  exact: boolean;
  /** Highest mod-sequence the events carried, or the SELECT's. */
  maxSeen: bigint;
  /** The STATUS state the poll reports after it saw changes no event carried. */
  override: string | null;
}

interface Batch {
  /** The chain the batch belongs to; a SELECT in between starts another. */
  base: Tracked | null;
  /** Growth of the message count by EXISTS responses (expunges may hide some). */
  added: number;
  flags: Map<number, FlagUpdate>;
  vanished: Set<number>;
  inexact: boolean;
  maxModseq: bigint;
}

/** Null without CONDSTORE (RFC 7162): no state token can be made. */
export function stateOfStatus(status: StatusObject): FolderState | null {
  if (
    status.uidValidity === undefined ||
    status.uidNext === undefined ||
    status.highestModseq === undefined
  )
    return null;
  return {
    uidValidity: Number(status.uidValidity),
    highestModseq: status.highestModseq.toString(),
    uidNext: status.uidNext,
  };
}
