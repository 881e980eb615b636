import {
  FolderPathSchema,
  SPECIAL_USES,
  UidValiditySchema,
  formatStateToken,
  type Folder,
  type SpecialUse,
} from '@petrel/contract';
import type { ImapFlow, ListResponse, StatusQuery } from 'imapflow';
import type { ImapAccess } from '../imap/imap-access.ts';
import { modseqText } from './folder-state.ts';
import { ApiError } from '../plugins/api-error.ts';
import { canonicalFolder } from './mailbox.ts';

/**
 * `GET /api/folders`: one LIST with the RFC 6154 special-use attributes and, where the
 * server has LIST-STATUS (RFC 5819), the STATUS items in the same command; imapflow falls
 * back to one STATUS per folder otherwise.
 */
export async function listFolders(access: ImapAccess): Promise<Folder[]> {
  return access.withClient(async (client) => {
    const boxes = await client.list({ statusQuery: statusQuery(client) });
    return boxes.map((box) => toFolder(client, box)).filter((folder) => folder !== null);
  });
}

/** One folder as the list would show it (after create or rename): LIST, then STATUS. */
export async function describeFolder(client: ImapFlow, path: string): Promise<Folder> {
  const box = (await client.list()).find((entry) => canonicalFolder(entry.path) === path);
  if (!box) throw new ApiError('folder_not_found');
  const status = selectable(box) ? await client.status(box.path, statusQuery(client)) : false;
  const folder = toFolder(client, status ? { ...box, status } : box);
  if (!folder) throw new ApiError('imap_rejected', 'The server reported an unusable folder name.');
  return folder;
}

function statusQuery(client: ImapFlow): StatusQuery {
  return {
    messages: true,
    unseen: true,
    uidValidity: true,
    uidNext: true,
    highestModseq: client.enabled.has('CONDSTORE'),
  };
}

/** False for \Noselect and \NonExistent (RFC 9051 §7.3.1, RFC 5258 §3.4). */
function selectable(box: ListResponse): boolean {
  return ![...box.flags].some((flag) => /^\\(noselect|nonexistent)$/i.test(flag));
}

const SPECIAL: ReadonlySet<string> = new Set(SPECIAL_USES);

/**
 * Null for a name the contract cannot carry (e.g. "..", or over 1,000 characters): no route
 * could address such a folder, so it is left out rather than failing the whole list.
 */
function toFolder(client: ImapFlow, box: ListResponse): Folder | null {
  const path = canonicalFolder(box.path);
  const parent = box.parentPath ? canonicalFolder(box.parentPath) : null;
  if (!FolderPathSchema.safeParse(path).success) return null;
  if (parent !== null && !FolderPathSchema.safeParse(parent).success) return null;
  const canSelect = selectable(box);
  const status = canSelect ? box.status : undefined;
  const validity = UidValiditySchema.safeParse(Number(status?.uidValidity ?? 0));
  const uidValidity = validity.success ? validity.data : null;
  const highestModseq = client.enabled.has('CONDSTORE') ? modseqText(status?.highestModseq) : null;
  const uidNext = status?.uidNext;
  return {
    path,
    name: box.name,
    delimiter: box.delimiter || null,
    parent,
    specialUse:
      box.specialUse && SPECIAL.has(box.specialUse) ? (box.specialUse as SpecialUse) : null,
    total: status?.messages ?? 0,
    unread: status?.unseen ?? 0,
    subscribed: box.subscribed === true,
    selectable: canSelect,
    state:
      uidValidity !== null && highestModseq !== null && uidNext
        ? formatStateToken({ uidValidity, highestModseq, uidNext })
        : null,
    uidValidity,
    highestModseq,
  };
}
