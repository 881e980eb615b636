// The data layer's public API: the only module the UI imports from src/data. Every hook
// reads the local Dexie cache; the sync engine (leader tab) is the only writer of server
// data into it, and applyAction the only writer of local changes.
export { useAccount, login, logout, onSignOut, startSync } from './session.ts';
export { useFolders } from './folders.ts';
export { useMessageList } from './message-list.ts';
export {
  openingMessage,
  useMessage,
  useMessageBody,
  useMessageLookup,
  type MessageLookup,
} from './message.ts';
export { useSyncStatus } from './status.ts';
export { applyAction, resyncFolder, retryChange, discardChange, dismissChange } from './actions.ts';
export { usePendingChanges } from './outbox.ts';
export { partUrl, rawUrl, useInlineImages, useOfflineParts } from './parts.ts';
export {
  ATTACHMENT_LIMIT_BYTES,
  useOfflinePrefetch,
  useOfflineSettings,
  saveOfflineSettings,
  useStorageInfo,
  requestPersistentStorage,
  type OfflineSettings,
  type StorageInfo,
} from './storage.ts';
export * from './types.ts';
