import { MAX_PAGE_SIZE } from '@petrel/contract';
import type { MessageRef } from '@petrel/contract';
import type { Api } from '../api/api.ts';

/** Pages of newest headers searched per folder: a message we just moved is among the newest. */
export const LOCATE_MAX_PAGES = 10;

export type Located = { found: MessageRef } | { found: null; ambiguous: boolean };

/**
 * Finds a mail by its Message-ID in a folder on the server (not the cache, which may lag):
 * after a `gone` for a move whose first reply was lost, and after a new UIDVALIDITY. Only
 * a single match counts; two mails with one Message-ID could be the wrong one.
 * One instance serves one batch, listing each folder at most once.
 */
export function createLocator(api: Pick<Api, 'listMessages'>): {
  find(folder: string, mailId: string, options?: { notUidValidity?: number }): Promise<Located>;
} {
  const indexes = new Map<string, Promise<Map<string, MessageRef[]>>>();
  const indexOf = (folder: string) => {
    let index = indexes.get(folder);
    if (!index) {
      index = listIndex(api, folder);
      indexes.set(folder, index);
    }
    return index;
  };
  return {
    async find(folder, mailId, options = {}) {
      const refs = ((await indexOf(folder)).get(mailId) ?? []).filter(
        (ref) => ref.uidValidity !== options.notUidValidity,
      );
      const [only] = refs;
      return refs.length === 1 && only
        ? { found: only }
        : { found: null, ambiguous: refs.length > 1 };
    },
  };
}

async function listIndex(
  api: Pick<Api, 'listMessages'>,
  folder: string,
): Promise<Map<string, MessageRef[]>> {
  const index = new Map<string, MessageRef[]>();
  let cursor: string | undefined;
  for (let page = 0; page < LOCATE_MAX_PAGES; page++) {
    const list = await api.listMessages(folder, {
      limit: MAX_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const header of list.messages) {
      if (header.messageId === null) continue;
      const ref = { folder, uidValidity: header.uidValidity, uid: header.uid };
      index.set(header.messageId, [...(index.get(header.messageId) ?? []), ref]);
    }
    if (list.nextCursor === null) break;
    cursor = list.nextCursor;
  }
  return index;
}
