import type { ServerEvent } from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { EVENTS_PATH } from '../api/api.ts';
import { errorMessage, isApiError } from '../api/errors.ts';
import type { SyncStatus } from '../data/types.ts';
import { messageCount } from '../db/message-counts.ts';
import type { PetrelDb } from '../db/schema.ts';
import { applyEvent } from './apply-event.ts';
import type { EventFollowUps } from './apply-event.ts';
import { catchUp } from './catch-up.ts';
import type { SyncContext } from './context.ts';
import { connectEventStream } from './event-stream.ts';
import type { OpenEventSource, StreamState, Timers } from './event-stream.ts';
import { sortFolders } from './folder-order.ts';
import { refreshFolders } from './folders-sync.ts';
import type { HeadStart } from './head-start.ts';
import { fetchPage, listNextPage, startResync } from './listing.ts';
import { Coalesced } from './coalesced.ts';
import { PageAhead } from './page-ahead.ts';
import { SerialQueues } from './serial-queues.ts';
import type { Store } from './store.ts';

export interface EngineDeps {
  api: Api;
  db: PetrelDb;
  status: Store<SyncStatus>;
  openEventSource: OpenEventSource;
  timers: Timers;
  now?: () => number;
  random?: () => number;
  /** The session is over (401, or the server lost the IMAP login). */
  onAuthLost(): void;
  /** Every parsed event, after it was applied (the leader forwards them to other tabs). */
  onEvent?(event: ServerEvent): void;
  /** Requests sent at sign-in for the first sync (head-start.ts); taken once. */
  headStart?: HeadStart | null;
}

const INBOX = 'INBOX';

/**
 * Pull sync of one account into Dexie; runs in the leader tab only.
 *
 * Order of work: the folder list; then per folder, Inbox first, either its newest page of
 * headers (never listed) or `changes` since its token; then, in the background, the older
 * pages of every folder still being listed, one folder at a time. The SSE stream runs
 * alongside; its events are applied strictly in arrival order.
 */
export class SyncEngine {
  private readonly ctx: SyncContext;
  private stream: { close(): void; reconnectNow(): void } | null = null;
  private events: Promise<void> = Promise.resolve();
  private readonly syncAllRun = new Coalesced(() => this.syncAllOnce());
  private readonly pagerRun = new Coalesced(() => this.pageAllOnce());
  private readonly drives = new Map<string, Promise<void>>();
  /** Per folder, the listing page requested ahead of need (see page-ahead.ts). */
  private readonly aheads = new Map<string, PageAhead>();
  private stopped = false;
  private headStart: HeadStart | null;

  constructor(private readonly deps: EngineDeps) {
    this.headStart = deps.headStart ?? null;
    this.ctx = {
      api: deps.api,
      db: deps.db,
      now: deps.now ?? Date.now,
      queues: new SerialQueues(),
      status: deps.status,
      resyncs: new Map(),
      applied: new Map(),
    };
  }

  /** Connects the stream and brings every folder up to date; resolves when the first pass is done. */
  start(): Promise<void> {
    this.stream = connectEventStream({
      url: EVENTS_PATH,
      open: this.deps.openEventSource,
      timers: this.deps.timers,
      random: this.deps.random,
      onEvent: (event) => this.enqueueEvent(event),
      onInvalidEvent: () => void this.syncAll(),
      onState: (state) => this.onStreamState(state),
      onGaveUp: () => this.checkSession(),
    });
    return this.syncAll();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.stream = null;
  }

  /** The browser is back online: reconnect now instead of after the backoff, and catch up. */
  wake(): void {
    this.stream?.reconnectNow();
    void this.syncAll();
  }

  /** Re-fetches the folder list and brings every folder current; coalesces overlapping calls. */
  syncAll(): Promise<void> {
    return this.syncAllRun.run();
  }

  /** Lists a folder again from the top without clearing it; resolves when the listing is done. */
  async resyncFolder(folder: string): Promise<void> {
    await startResync(this.ctx, folder);
    await this.drive(folder);
  }

  /** Applies one event (from the stream, or forwarded in tests) after those before it. */
  enqueueEvent(event: ServerEvent): Promise<void> {
    const followUps: EventFollowUps = {
      catchUp: (folder) => void this.catchUpFolder(folder),
      catchUpAll: () => void this.syncAll(),
      resync: (folder) => void this.guard(this.resyncFolder(folder), folder),
      refreshFolders: () => void this.syncAll(),
    };
    this.events = this.events
      .then(() => applyEvent(this.ctx, event, followUps))
      .then(() => this.deps.onEvent?.(event))
      .catch((error: unknown) =>
        this.report(error, ('folder' in event ? event.folder : null) ?? null),
      );
    return this.events;
  }

  private async syncAllOnce(): Promise<void> {
    if (this.stopped) return;
    const headStart = this.headStart;
    this.headStart = null;
    await this.requestInboxEarly(headStart);
    const folders = await this.guard(refreshFolders(this.ctx, headStart?.folders), null);
    if (!folders) return;
    for (const folder of sortFolders(folders)) {
      if (this.stopped) return;
      const sync = await this.guard(this.ctx.db.syncState.get(folder.path), folder.path);
      if (sync && sync.state === null && sync.phase !== 'idle') {
        await this.guard(listNextPage(this.ctx, folder.path, this.ahead(folder.path)), folder.path);
      } else {
        await this.catchUpFolder(folder.path, false);
      }
    }
    void this.pagerRun.run();
  }

  /**
   * On a first sync, asks for Inbox's newest page together with the folder list instead of
   * after it (every account has an INBOX), so the first rows do not wait for
   * `GET /api/folders`. The listing takes the page once the folder list is stored. A page
   * already requested at sign-in (`headStart`) is used instead of asking again.
   */
  private async requestInboxEarly(headStart: HeadStart | null): Promise<void> {
    const sync = await this.guard(this.ctx.db.syncState.get(INBOX), INBOX);
    if (sync && (sync.state !== null || sync.phase === 'idle' || sync.cursor !== null)) return;
    const applied = this.ctx.applied.get(INBOX) ?? 0;
    this.ahead(INBOX).request(
      null,
      applied,
      () => headStart?.inbox ?? fetchPage(this.ctx, INBOX, null),
    );
  }

  private ahead(folder: string): PageAhead {
    let ahead = this.aheads.get(folder);
    if (!ahead) {
      ahead = new PageAhead();
      this.aheads.set(folder, ahead);
    }
    return ahead;
  }

  private async catchUpFolder(folder: string, drive = true): Promise<void> {
    const result = await this.guard(catchUp(this.ctx, folder), folder);
    if (result === 'resync') {
      if (drive) await this.drive(folder);
      else void this.pagerRun.run();
    }
  }

  /** Background listing of older pages, folder after folder in sidebar order. */
  private async pageAllOnce(): Promise<void> {
    const folders = await this.guard(this.ctx.db.folders.toArray(), null);
    for (const folder of sortFolders(folders ?? [])) {
      // Offline: stop here rather than fail every folder; wake() and hello restart paging.
      if (this.stopped || this.ctx.status.get().connection === 'offline') return;
      const sync = await this.guard(this.ctx.db.syncState.get(folder.path), folder.path);
      if (sync && sync.phase !== 'idle') await this.drive(folder.path);
    }
  }

  /** Fetches pages of one folder until its listing is complete; one drive per folder at a time. */
  private drive(folder: string): Promise<void> {
    const running = this.drives.get(folder);
    if (running) return running;
    const drive = (async () => {
      try {
        while (!this.stopped) {
          const more = await listNextPage(this.ctx, folder, this.ahead(folder));
          await this.showProgress(folder, more);
          if (!more) return;
        }
      } catch (error) {
        await this.report(error, folder);
        this.ctx.status.update({ progress: null });
      } finally {
        this.drives.delete(folder);
      }
    })();
    this.drives.set(folder, drive);
    return drive;
  }

  private async showProgress(folder: string, more: boolean): Promise<void> {
    const [sync, info, done] = await Promise.all([
      this.ctx.db.syncState.get(folder),
      this.ctx.db.folders.get(folder),
      messageCount(this.ctx.db, folder),
    ]);
    this.ctx.status.update({
      progress: more && sync ? { folder, done, total: info?.total ?? sync.total } : null,
    });
  }

  private onStreamState(state: StreamState): void {
    const connection = state === 'open' ? 'online' : state;
    const current = this.ctx.status.get();
    // An auth loss stands until the user signs in again; stream noise must not hide it.
    if (current.connection === 'authLost') return;
    this.ctx.status.update({ connection, ...(state === 'open' ? { error: null } : {}) });
  }

  private async checkSession(): Promise<'retry' | 'stop'> {
    try {
      await this.ctx.api.getSession();
      return 'retry';
    } catch (error) {
      if (isApiError(error, 'unauthenticated')) {
        this.authLost();
        return 'stop';
      }
      if (isApiError(error, 'network')) this.ctx.status.update({ connection: 'offline' });
      return 'retry';
    }
  }

  /** Awaits `work`, turning a failure into a visible error; resolves undefined then. */
  private async guard<T>(work: Promise<T>, folder: string | null): Promise<T | undefined> {
    try {
      return await work;
    } catch (error) {
      await this.report(error, folder);
      return undefined;
    }
  }

  private async report(error: unknown, folder: string | null): Promise<void> {
    if (isApiError(error, 'unauthenticated')) return this.authLost();
    const message = errorMessage(error);
    if (isApiError(error, 'network')) {
      this.ctx.status.update({ connection: 'offline', error: message });
      return;
    }
    if (folder !== null) {
      await this.ctx.db.syncState.update(folder, { error: message }).catch(() => undefined);
    } else {
      this.ctx.status.update({ error: message });
    }
  }

  private authLost(): void {
    this.ctx.status.update({ connection: 'authLost', error: 'Please sign in again.' });
    this.stop();
    this.deps.onAuthLost();
  }
}
