import { encodeMessageId } from '@petrel/contract';
import type { Folder, MessageHeader } from '@petrel/contract';
import type { MessageRow } from '../db/rows.ts';

/** Test data shared by the data-layer tests (not imported by app code). */

export const UID_VALIDITY = 1_700_000_000;
const BASE_TIME = Date.UTC(2024, 0, 1);

/** A header whose date grows with its uid, so newest-first equals descending uid. */
export function header(
  uid: number,
  folder = 'INBOX',
  overrides: Partial<MessageHeader> = {},
): MessageHeader {
  const uidValidity = overrides.uidValidity ?? UID_VALIDITY;
  return {
    id: encodeMessageId({ folder, uidValidity, uid }),
    folder,
    uid,
    uidValidity,
    modseq: '10',
    flags: [],
    date: new Date(BASE_TIME + uid * 60_000).toISOString(),
    sentDate: null,
    from: [{ name: 'Sender', address: 'sender@example.org' }],
    to: [{ name: '', address: 'demo@petrel.test' }],
    cc: [],
    replyTo: [],
    subject: `Message ${uid}`,
    messageId: `<${uid}.${uidValidity}@${folder}.example.org>`,
    inReplyTo: null,
    references: [],
    size: 1000,
    hasAttachments: false,
    preview: '',
    ...overrides,
  };
}

export function row(
  uid: number,
  folder = 'INBOX',
  overrides: Partial<MessageRow> = {},
): MessageRow {
  return { ...header(uid, folder), pending: false, origin: null, ...overrides };
}

export function folder(path: string, overrides: Partial<Folder> = {}): Folder {
  return {
    path,
    name: path.split('/').at(-1) ?? path,
    delimiter: '/',
    parent: null,
    specialUse: null,
    total: 0,
    unread: 0,
    subscribed: true,
    selectable: true,
    state: null,
    uidValidity: UID_VALIDITY,
    highestModseq: '1',
    ...overrides,
  };
}

/** A promise with its resolve exposed, to hold a fake server's answer. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
