/** Sample objects for the tests (not exported from index). */
import { encodeMessageId } from './ids.ts';
import type { MessageHeader } from './messages.ts';
import type { ServerEvent } from './events.ts';
import type { MessageBody } from './bodies.ts';
import type { Folder } from './folders.ts';

export const STATE = '1700000000:18446744073:42';
export const PREV_STATE = '1700000000:18446740000:40';
export const UNICODE_FOLDER = 'Projekte/Über "uns" 50% (alt)/日本語 📁';

export function header(uid = 41, folder = 'INBOX'): MessageHeader {
  return {
    id: encodeMessageId({ folder, uidValidity: 1700000000, uid }),
    folder,
    uid,
    uidValidity: 1700000000,
    modseq: '18446744073',
    flags: ['\\Seen', '$Forwarded'],
    date: '2024-05-01T10:00:00.000Z',
    sentDate: '2024-05-01T11:59:58+02:00',
    from: [{ name: 'Åsa Lind', address: 'asa@example.org' }],
    to: [{ name: '', address: 'demo@petrel.test' }],
    cc: [],
    replyTo: [],
    subject: 'Line one\nline two \u2028 with a separator',
    messageId: '<abc@example.org>',
    inReplyTo: null,
    references: [],
    size: 2048,
    hasAttachments: true,
    preview: 'Hello there',
  };
}

export const folder: Folder = {
  path: 'Archive/2024',
  name: '2024',
  delimiter: '/',
  parent: 'Archive',
  specialUse: '\\Archive',
  total: 10,
  unread: 2,
  subscribed: true,
  selectable: true,
  state: STATE,
  uidValidity: 1700000000,
  highestModseq: '18446744073',
};

export const body: MessageBody = {
  id: header().id,
  header: header(),
  html: '<p>Hi</p>',
  text: 'Hi',
  attachments: [
    {
      part: '2',
      filename: 'report.pdf',
      contentType: 'application/pdf',
      size: 1000,
      contentId: null,
      disposition: 'attachment',
    },
  ],
  inline: [
    {
      part: '1.2',
      filename: null,
      contentType: 'image/png',
      size: 10,
      contentId: 'img1@x',
      disposition: 'inline',
    },
  ],
  headers: [{ key: 'Subject', value: 'Hi' }],
};

/** One event of every type; sse.test.ts checks that the list is complete. */
export const events: ServerEvent[] = [
  { id: '1700000000000-0', type: 'hello', protocolVersion: 1, lastEventId: null },
  {
    id: '1700000000000-1',
    type: 'messagesAdded',
    folder: UNICODE_FOLDER,
    prevState: PREV_STATE,
    state: STATE,
    headers: [header(42, UNICODE_FOLDER)],
  },
  {
    id: '1700000000000-2',
    type: 'flagsChanged',
    folder: 'INBOX',
    prevState: null,
    state: STATE,
    changes: [{ uid: 41, flags: ['\\Seen'], modseq: '18446744073' }],
  },
  {
    id: '1700000000000-3',
    type: 'messagesVanished',
    folder: 'INBOX',
    prevState: PREV_STATE,
    state: STATE,
    uids: [1, 2, 3],
  },
  {
    id: '1700000000000-4',
    type: 'folderCounts',
    folder: 'INBOX',
    total: 5,
    unread: 1,
    state: null,
  },
  { id: '1700000000000-5', type: 'foldersChanged' },
  { id: '1700000000000-6', type: 'connection', state: 'reconnecting' },
  { id: '1700000000000-7', type: 'resync', reason: 'lastEventIdTooOld' },
  { id: '1700000000000-8', type: 'resync', folder: 'INBOX', reason: 'uidValidityChanged' },
];
