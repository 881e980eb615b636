import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/auth/session-store.ts';

const record = (id: string, email = 'alice@petrel.test') => ({ id, email, sealedPassword: 'v1.x', createdAt: 0 });

describe('MemorySessionStore', () => {
  it('expires a session after the idle time, sliding with touch', async () => {
    let now = 0;
    const store = new MemorySessionStore(1000, () => now);
    await store.set(record('a'));
    now = 900;
    await store.touch('a');
    now = 1800;
    expect(await store.get('a')).not.toBeNull();
    now = 2900;
    expect(await store.get('a')).toBeNull();
    store.close();
  });

  it('lists a user’s live sessions case-insensitively', async () => {
    let now = 0;
    const store = new MemorySessionStore(1000, () => now);
    await store.set(record('a', 'Alice@Petrel.test'));
    await store.set(record('b'));
    await store.set(record('c', 'bob@petrel.test'));
    expect((await store.listForUser('alice@petrel.test')).sort()).toEqual(['a', 'b']);
    now = 5000;
    expect(await store.listForUser('alice@petrel.test')).toEqual([]);
    store.close();
  });
});
