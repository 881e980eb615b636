import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { openEarly } from './early-open.ts';
import { legacyDatabase } from '../testing/legacy-db.ts';
import { PetrelDb, databaseName } from './schema.ts';

describe('openEarly', () => {
  it('leaves no database behind when the sign-in it was opened for is refused', async () => {
    const early = openEarly('Nobody@Example.org');
    expect(early.isFor(' nobody@example.org')).toBe(true);
    expect(early.isFor('someone@example.org')).toBe(false);
    const name = databaseName('nobody@example.org');
    await vi.waitFor(async () => expect(await Dexie.getDatabaseNames()).toContain(name));

    await early.discard();
    expect(await Dexie.getDatabaseNames()).not.toContain(name);
  });

  it('keeps the cache of an account that already had one', async () => {
    const existing = new PetrelDb(databaseName('kept@example.org'));
    await existing.meta.put({ key: 'lastEventId', value: '42' });
    existing.close();

    const early = openEarly('kept@example.org');
    await early.discard();

    const reopened = new PetrelDb(databaseName('kept@example.org'));
    expect(await reopened.meta.get('lastEventId')).toEqual({ key: 'lastEventId', value: '42' });
    await reopened.delete();
  });

  it('keeps a cache from an older version, which opening upgrades rather than creates', async () => {
    const name = databaseName('old@example.org');
    const old = legacyDatabase(name, 1);
    await old.open();
    old.close();

    const early = openEarly('old@example.org');
    await early.discard();

    expect(await Dexie.getDatabaseNames()).toContain(name);
    await Dexie.delete(name);
  });
});
