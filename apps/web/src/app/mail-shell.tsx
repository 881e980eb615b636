import { Suspense, useEffect, useState } from 'react';
import {
  logout,
  openingMessage,
  resyncFolder,
  startSync,
  useFolders,
  useMessage,
  useMessageList,
  useOfflinePrefetch,
  useSyncStatus,
} from '../data/index.ts';
import type { Account } from '../data/index.ts';
import { Toolbar } from '../features/actions/toolbar.tsx';
import { useMailActions } from '../features/actions/use-mail-actions.ts';
import { labelForPath } from '../features/folders/folder-names.ts';
import { FolderSidebar } from '../features/folders/folder-sidebar.tsx';
import { emptyListText } from '../features/mailbox/empty-text.ts';
import { ListHeader } from '../features/mailbox/list-header.tsx';
import { MessageList } from '../features/mailbox/message-list.tsx';
import { useSelection } from '../features/mailbox/use-selection.ts';
import { useNotify } from '../features/notices/notice-context.ts';
import { ConflictBanner } from '../features/outbox/conflict-banner.tsx';
import { ConnectionBanner } from '../features/outbox/connection-banner.tsx';
import { useSyncedNotice } from '../features/outbox/use-synced-notice.ts';
import { forgetAllowedSenders } from '../features/reader/remote-content.ts';
import { StatusBar } from '../features/status/status-bar.tsx';
import {
  LazyMoveDialog,
  LazyPendingDialog,
  LazyShortcutsDialog,
  preloadDeferredParts,
} from './deferred-parts.ts';
import { ReaderSlot } from './reader-slot.tsx';
import { routeHref } from './route.ts';
import { TopBar } from './top-bar.tsx';
import { useCursor } from './use-cursor.ts';
import { useMailCommands } from './use-mail-commands.ts';
import { navigate, useRoute } from './use-route.ts';
import { useShortcuts } from './use-shortcuts.ts';
import { whenIdle } from './when-idle.ts';

/** The signed-in app: folders, message list and reader, with toolbar, status and shortcuts. */
export function MailShell({ account }: { account: Account }) {
  const route = useRoute();
  const { folder, messageId } = route;
  const folders = useFolders();
  const view = useMessageList(folder);
  const openMessage = useMessage(messageId);
  const status = useSyncStatus();
  const selection = useSelection(folder, view);
  const cursor = useCursor(folder, view.count);
  const notify = useNotify();
  const [dialog, setDialog] = useState<
    { kind: 'move'; ids: readonly string[] } | { kind: 'help' } | { kind: 'pending' } | null
  >(null);
  const [foldersOpen, setFoldersOpen] = useState(false);

  // Sync (leader election, engine start, IndexedDB and network work) waits until the list's
  // first window has been read, so a reload shows cached rows before anything competes.
  useEffect(() => {
    if (view.ready) startSync();
  }, [view.ready]);
  // Chunks for reading and dialogs load once rows are shown (or the folder is known to be
  // empty): on a first sign-in the list is ready, and empty, long before its rows arrive.
  const listShown = view.ready && (view.count > 0 || status.lastSyncAt !== null);
  useEffect(() => {
    if (!listShown) return;
    return whenIdle(() => void preloadDeferredParts());
  }, [listShown]);
  useOfflinePrefetch();

  const labelFor = (path: string) => labelForPath(path, folders);
  // A fresh database lists no folders until the first sync: that is loading, not "none".
  const sidebarFolders = folders?.length === 0 && status.lastSyncAt === null ? undefined : folders;
  const open = (index: number, id: string, options?: { replace?: boolean }) => {
    openingMessage(id);
    cursor.set(index);
    navigate({ folder, messageId: id }, options);
  };
  const closeMessage = (replace = false) => navigate({ folder, messageId: null }, { replace });

  const runAction = useMailActions((ids) => {
    selection.clear();
    if (messageId !== null && ids.includes(messageId)) closeMessage(true);
  });
  const commands = useMailCommands({
    view,
    selection,
    cursor,
    openMessage,
    openId: messageId,
    runAction,
    open,
    closeMessage,
    showMove: (ids) => setDialog({ kind: 'move', ids }),
    showHelp: () => setDialog({ kind: 'help' }),
  });
  useShortcuts(commands.run);
  useSyncedNotice();

  const resync = () => {
    notify({ text: `Loading ${labelFor(folder)} again from the server…` });
    resyncFolder(folder).catch((error: unknown) => {
      notify({ tone: 'error', text: `Could not resync ${labelFor(folder)}. ${String(error)}` });
    });
  };
  const signOut = () => {
    forgetAllowedSenders(account.email);
    logout().catch(() =>
      notify({ tone: 'error', text: 'Signing out did not finish. Please try again.' }),
    );
  };

  return (
    <div
      className="app"
      data-pane={messageId === null ? 'list' : 'message'}
      data-folders={foldersOpen ? 'open' : 'closed'}
    >
      <TopBar
        email={account.email}
        foldersOpen={foldersOpen}
        onToggleFolders={() => setFoldersOpen(!foldersOpen)}
        onHelp={() => setDialog({ kind: 'help' })}
        onPendingChanges={() => setDialog({ kind: 'pending' })}
        onSignOut={signOut}
      />
      <div className="banners">
        <ConnectionBanner />
        <ConflictBanner onReview={() => setDialog({ kind: 'pending' })} />
      </div>
      <Toolbar
        targetCount={commands.targets.length}
        onAction={commands.act}
        onMove={() => setDialog({ kind: 'move', ids: commands.targets })}
      />
      <div className="panes">
        <FolderSidebar
          folders={sidebarFolders}
          current={folder}
          hrefFor={(path) => routeHref({ folder: path, messageId: null })}
          onDropMessages={(path, ids) =>
            void runAction('move', ids, { path, label: labelFor(path) })
          }
          onNavigate={() => setFoldersOpen(false)}
        />
        <main className="content">
          <div className="list-pane">
            <ListHeader
              title={labelFor(folder)}
              count={view.count}
              selectedCount={selection.ids.size}
              onToggleAll={selection.toggleAll}
              onResync={resync}
            />
            <MessageList
              key={folder}
              view={view}
              selected={selection.ids}
              cursor={cursor.index}
              openId={messageId}
              focusRequest={cursor.focusRequest}
              emptyText={emptyListText(
                view.ready,
                folder,
                folders?.find((f) => f.path === folder),
                status,
              )}
              onOpen={open}
              onPress={openingMessage}
              onToggle={selection.toggle}
              onRange={selection.selectRange}
            />
          </div>
          <ReaderSlot messageId={messageId} account={account.email} onBack={() => closeMessage()} />
        </main>
      </div>
      <StatusBar labelFor={labelFor} />
      <Suspense fallback={null}>
        {dialog?.kind === 'move' && (
          <LazyMoveDialog
            folders={folders}
            current={folder}
            onClose={() => setDialog(null)}
            onChoose={(destination) => {
              setDialog(null);
              void runAction('move', dialog.ids, destination);
            }}
          />
        )}
        {dialog?.kind === 'help' && <LazyShortcutsDialog onClose={() => setDialog(null)} />}
        {dialog?.kind === 'pending' && <LazyPendingDialog onClose={() => setDialog(null)} />}
      </Suspense>
    </div>
  );
}
