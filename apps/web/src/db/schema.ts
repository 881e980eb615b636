import { Dexie } from 'dexie';
import type { EntityTable, Transaction } from 'dexie';
import { countAllFolders, messageCountsMiddleware } from './message-counts.ts';
import type { PartRow } from './part-row.ts';
import type {
  BodyRow,
  FolderRow,
  MessageCountRow,
  MessageRow,
  MetaRow,
  OutboxRow,
  SyncStateRow,
} from './rows.ts';

/**
 * Schema history, oldest first. A later version appends an entry (only the tables whose
 * indexes change, plus an `upgrade` that rewrites rows); entries are never edited once
 * shipped, because browsers hold databases at every earlier version.
 */
const VERSIONS: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      folders: '&path',
      // [folder+date] serves the newest-first list (windowed on the index);
      // [folder+uid] maps server UIDs to rows; messageId re-finds a mail after UIDVALIDITY.
      messages: '&id, [folder+date], [folder+uid], messageId',
      bodies: '&id, lastReadAt',
      syncState: '&folder',
      meta: '&key',
      outbox: '&opId, seq, messageId, status',
    },
  },
  {
    // The durable outbox (offline queue): same indexes, rows gain replay state. A v1 row is
    // an op a closed tab left in flight: it may have been applied, so it stays `sent`.
    version: 2,
    stores: {},
    upgrade: (tx) =>
      tx
        .table('outbox')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          const before = row.before as { subject?: string; messageId?: string | null } | null;
          Object.assign(row, {
            mailId: before?.messageId ?? null,
            subject: before?.subject ?? '',
            destination: null,
            dependsOn: null,
            status: 'pending',
            sent: true,
            attempts: 0,
            notBefore: 0,
            settledAt: null,
            problem: null,
          });
          delete row.before;
          delete row.after;
          delete row.error;
        })
        .then(() => undefined),
  },
  {
    // Inline images and small attachments kept for offline reading (sync/prefetch-*.ts).
    version: 3,
    stores: { parts: '&id, messageId' },
  },
  {
    // Running header counts per folder, so lists never count the [folder+date] index
    // (message-counts.ts). Existing rows are counted once here; syncState loses the
    // syncedCount it used to recount after every page.
    version: 4,
    stores: { messageCounts: '&folder' },
    upgrade: async (tx) => {
      await tx.table('messageCounts').bulkPut(await countAllFolders(tx.table('messages')));
      await tx
        .table('syncState')
        .toCollection()
        .modify((row: Record<string, unknown>) => {
          delete row.syncedCount;
        });
    },
  },
  {
    // The Message-ID index cost a write per stored header, yet only a re-sync after a
    // UIDVALIDITY change looks mail up by Message-ID; it now finds the few old rows from
    // primary keys (sync/listing.ts). Dropping an index rewrites no rows.
    version: 5,
    stores: { messages: '&id, [folder+date], [folder+uid]' },
  },
];

/**
 * The stores as a browser held them at `version` (every entry up to it, later ones winning;
 * null drops a table): what a migration test builds an old database from.
 */
export function schemaAt(version: number): Record<string, string> {
  const stores: Record<string, string | null> = {};
  for (const entry of VERSIONS) if (entry.version <= version) Object.assign(stores, entry.stores);
  return Object.fromEntries(
    Object.entries(stores).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

export class PetrelDb extends Dexie {
  folders!: EntityTable<FolderRow, 'path'>;
  messages!: EntityTable<MessageRow, 'id'>;
  bodies!: EntityTable<BodyRow, 'id'>;
  syncState!: EntityTable<SyncStateRow, 'folder'>;
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'opId'>;
  parts!: EntityTable<PartRow, 'id'>;
  messageCounts!: EntityTable<MessageCountRow, 'folder'>;

  constructor(
    name: string,
    options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange },
  ) {
    super(name, options);
    this.use(messageCountsMiddleware);
    for (const { version, stores, upgrade } of VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

/** One database per account, so signing out deletes exactly that account's mail. */
export function databaseName(email: string): string {
  return `petrel-${email.trim().toLowerCase()}`;
}
