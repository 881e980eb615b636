import type { FolderList, MessageList } from '@petrel/contract';
import type { Api } from '../api/api.ts';
import { fetchPage } from './listing.ts';

/**
 * The first two requests of a first sync, sent the moment sign-in succeeds: the folder list
 * and Inbox's newest page. Without it they leave only after the shell has rendered, the
 * account's database exists and this tab won the leader election (≈ 100 ms after the login
 * response, bench first-rows), so the server's time and the tab's start-up add up instead
 * of overlapping. The leader's engine takes them once (engine.ts); a tab that does not lead
 * drops them. After a re-sign-in with a filled cache Inbox's page goes unused: one small
 * request, in exchange for not waiting on the database to know.
 */
export interface HeadStart {
  folders: Promise<FolderList>;
  inbox: Promise<MessageList>;
}

export function startHeadStart(api: Pick<Api, 'listFolders' | 'listMessages'>): HeadStart {
  const folders = api.listFolders();
  const inbox = fetchPage({ api }, 'INBOX', null);
  // Failures surface where they are taken; requests never taken must not go unhandled.
  folders.catch(() => undefined);
  inbox.catch(() => undefined);
  return { folders, inbox };
}
