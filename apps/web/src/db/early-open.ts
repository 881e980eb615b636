import Dexie from 'dexie';
import { PetrelDb, databaseName } from './schema.ts';

/**
 * The account's database, opened while its sign-in request is in flight: on a first
 * sign-in, creating it (≈ 50–150 ms in Chromium, bench first-rows) then overlaps the
 * server's check of the password instead of following it. A refused sign-in must leave
 * nothing behind, so `discard` deletes a database this attempt created and only closes one
 * that was there before (the cache of an account whose session had expired).
 */
export interface EarlyDatabase {
  db: PetrelDb;
  /** Whether it is the database of `email`'s account. */
  isFor(email: string): boolean;
  discard(): Promise<void>;
}

export function openEarly(email: string): EarlyDatabase {
  const name = databaseName(email);
  const db = new PetrelDb(name);
  // Dexie fires 'populate' in the transaction that creates the database, and only then (not
  // on an upgrade): it tells whether this attempt created it without first asking the
  // browser for its databases, a round trip of 20–50 ms on the sign-in's critical path.
  let created = false;
  db.on('populate', () => {
    created = true;
  });
  const opened = db.open().catch(() => undefined);
  return {
    db,
    isFor: (other) => databaseName(other) === name,
    async discard() {
      await opened;
      db.close();
      if (created) await Dexie.delete(name).catch(() => undefined);
    },
  };
}
