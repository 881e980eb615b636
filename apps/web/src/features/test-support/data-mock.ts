import { vi } from 'vitest';
import type * as Data from '../../data/index.ts';
import type { CachedFolder, CachedMessage, MessageListView, SyncStatus } from '../../data/index.ts';
import { MESSAGE_ROW_HEIGHT } from '../../data/types.ts';

/**
 * A stand-in for `src/data` in UI tests: `vi.mock('<path>/data/index.ts', () =>
 * import('<path>/features/test-support/data-mock.ts').then((m) => m.dataMock))`. Every
 * function is a vi.fn with a default; `vi.resetAllMocks()` brings the defaults back.
 */
export const dataMock = {
  // Constants of the seam are the real ones.
  MESSAGE_ROW_HEIGHT,
  useAccount: vi.fn<typeof Data.useAccount>(() => ({
    account: { email: 'ada@petrel.test' },
    loading: false,
    reason: null,
  })),
  login: vi.fn<typeof Data.login>(async () => ({ ok: true })),
  logout: vi.fn<typeof Data.logout>(async () => {}),
  onSignOut: vi.fn<typeof Data.onSignOut>(() => () => undefined),
  useFolders: vi.fn<typeof Data.useFolders>(() => FOLDERS),
  useMessageList: vi.fn<typeof Data.useMessageList>(() => listView([])),
  useMessage: vi.fn<typeof Data.useMessage>(() => undefined),
  openingMessage: vi.fn<typeof Data.openingMessage>(),
  // Follows useMessage by default, so tests that mock one header serve both hooks.
  useMessageLookup: vi.fn<typeof Data.useMessageLookup>((id): Data.MessageLookup => {
    const found: CachedMessage | undefined = dataMock.useMessage(id);
    return found ? { status: 'found', message: found } : { status: 'loading' };
  }),
  useMessageBody: vi.fn<typeof Data.useMessageBody>(() => ({
    body: undefined,
    loading: false,
    error: null,
  })),
  useSyncStatus: vi.fn<typeof Data.useSyncStatus>(() => IDLE),
  applyAction: vi.fn<typeof Data.applyAction>(async () => ({ ok: true })),
  resyncFolder: vi.fn<typeof Data.resyncFolder>(async () => {}),
  partUrl: vi.fn<typeof Data.partUrl>(
    (id, part, options) => `/api/messages/${id}/parts/${part}${options?.inline ? '?inline=1' : ''}`,
  ),
  rawUrl: vi.fn<typeof Data.rawUrl>((id) => `/api/messages/${id}/raw`),
  startSync: vi.fn<typeof Data.startSync>(),
  usePendingChanges: vi.fn<typeof Data.usePendingChanges>(() => []),
  retryChange: vi.fn<typeof Data.retryChange>(async () => {}),
  discardChange: vi.fn<typeof Data.discardChange>(async () => true),
  dismissChange: vi.fn<typeof Data.dismissChange>(async () => {}),
  useInlineImages: vi.fn<typeof Data.useInlineImages>(() => new Map()),
  useOfflineParts: vi.fn<typeof Data.useOfflineParts>(() => new Map()),
  ATTACHMENT_LIMIT_BYTES: 1024 * 1024,
  useOfflinePrefetch: vi.fn<typeof Data.useOfflinePrefetch>(),
  useOfflineSettings: vi.fn<typeof Data.useOfflineSettings>(() => OFFLINE_SETTINGS),
  saveOfflineSettings: vi.fn<typeof Data.saveOfflineSettings>(() => true),
  useStorageInfo: vi.fn<typeof Data.useStorageInfo>(() => ({ info: undefined, refresh: () => {} })),
  requestPersistentStorage: vi.fn<typeof Data.requestPersistentStorage>(async () => true),
};

export const OFFLINE_SETTINGS: Data.OfflineSettings = {
  prefetch: true,
  scope: { kind: 'days', days: 30 },
  capMb: 50,
  saveAttachments: true,
};

export const IDLE: SyncStatus = {
  connection: 'online',
  progress: null,
  lastSyncAt: null,
  error: null,
  synced: null,
};

export function folder(path: string, overrides: Partial<CachedFolder> = {}): CachedFolder {
  const segments = path.split('/');
  return {
    path,
    name: segments.at(-1) ?? path,
    delimiter: '/',
    parent: segments.length > 1 ? segments.slice(0, -1).join('/') : null,
    specialUse: null,
    total: 10,
    unread: 0,
    subscribed: true,
    selectable: true,
    state: null,
    uidValidity: 1,
    highestModseq: null,
    syncedCount: 10,
    lastSyncedAt: null,
    syncError: null,
    ...overrides,
  };
}

/** Listed in an order the sidebar must not keep. */
export const FOLDERS: CachedFolder[] = [
  folder('Projects'),
  folder('Trash', { specialUse: '\\Trash' }),
  folder('INBOX', { specialUse: '\\Inbox', unread: 12 }),
  folder('Projects/2024', { unread: 3 }),
  folder('Sent', { specialUse: '\\Sent' }),
  folder('Junk', { specialUse: '\\Junk' }),
  folder('Drafts', { specialUse: '\\Drafts' }),
  folder('Archive', { specialUse: '\\Archive' }),
  folder('Newsletters'),
];

export function message(n: number, overrides: Partial<CachedMessage> = {}): CachedMessage {
  return {
    id: `m${n}`,
    folder: 'INBOX',
    uid: n,
    uidValidity: 1,
    modseq: null,
    flags: ['\\Seen'],
    date: new Date(Date.UTC(2024, 0, 1) - n * 3_600_000).toISOString(),
    sentDate: null,
    from: [{ name: `Sender ${n}`, address: `sender${n}@example.test` }],
    to: [{ name: 'Ada', address: 'ada@petrel.test' }],
    cc: [],
    replyTo: [],
    subject: `Subject ${n}`,
    messageId: `<${n}@example.test>`,
    inReplyTo: null,
    references: [],
    size: 1000,
    hasAttachments: false,
    preview: `Preview ${n}`,
    pending: false,
    ...overrides,
  };
}

/** A list view over fixed rows, all loaded; `setWindow` is a spy. */
export function listView(messages: readonly CachedMessage[], ready = true): MessageListView {
  const setWindow = vi.fn();
  return {
    count: messages.length,
    rowAt: (index) => messages[index],
    setWindow,
    allIds: async () => messages.map((message) => message.id),
    ready,
  };
}

/**
 * jsdom does no layout, so the virtualizer would see a list 0 px high and render no rows.
 * Pretend every element is 720 × 1000 px.
 */
export function stubLayout(): void {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(720);
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(1000);
}
