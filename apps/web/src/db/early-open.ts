import Dexie from 'dexie';
import { PetrelDb, databaseName } from './schema.ts';

/**
 * The account's database, opened while its sign-in request is in flight: on a first
 * sign-in, creating it (≈ 50–100 ms in Chromium, bench first-rows) then overlaps the
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
  // Asked before opening, since opening creates it; by listing (indexedDB.databases),
  // which unlike Dexie.exists opens nothing. Unknown counts as existing: never delete then.
  const existed = Dexie.getDatabaseNames()
    .then((names) => names.includes(name))
    .catch(() => true);
  const opened = existed.then(() => db.open()).catch(() => undefined);
  return {
    db,
    isFor: (other) => databaseName(other) === name,
    async discard() {
      await opened;
      db.close();
      if (!(await existed)) await Dexie.delete(name).catch(() => undefined);
    },
  };
}
