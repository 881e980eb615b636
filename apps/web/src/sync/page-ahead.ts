import type { MessageList } from '@petrel/contract';

/**
 * The next page of a folder's listing, requested while the current one is stored, so the
 * server's time and IndexedDB's time overlap instead of adding up. At most one page is in
 * flight ahead. It is used only if it is still the page the listing wants next (same
 * cursor) and no change was applied to the folder since it was requested: an expunge
 * applied meanwhile must not be undone by an older page.
 */
export class PageAhead {
  private ahead: { cursor: string | null; changes: number; page: Promise<MessageList> } | null =
    null;

  /**
   * Starts fetching the page at `cursor` (null: the newest page); `changes` is the folder's
   * count of applied changes now.
   */
  request(cursor: string | null, changes: number, fetch: () => Promise<MessageList>): void {
    const page = fetch();
    // Failures surface when the page is taken; one never taken must not go unhandled.
    page.catch(() => undefined);
    this.ahead = { cursor, changes, page };
  }

  /** The page fetched ahead for `cursor`, if still valid; it is handed out once. */
  take(cursor: string | null, changes: number): Promise<MessageList> | null {
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead === null || ahead.cursor !== cursor || ahead.changes !== changes) return null;
    return ahead.page;
  }
}
