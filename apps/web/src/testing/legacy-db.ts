import { Dexie } from 'dexie';
import { schemaAt } from '../db/schema.ts';

/** A database named `name` as Petrel created it at schema `version`, for migration tests. */
export function legacyDatabase(name: string, version: number): Dexie {
  const old = new Dexie(name);
  old.version(version).stores(schemaAt(version));
  return old;
}
