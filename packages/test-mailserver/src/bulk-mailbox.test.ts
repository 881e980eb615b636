import { describe, expect, it } from 'vitest';
import { bulkMessages } from './bulk-mailbox.ts';

describe('bulkMessages', () => {
  it('is deterministic, ordered by date, with unique Message-IDs', () => {
    const a = bulkMessages(1000);
    const b = bulkMessages(1000);
    expect(a.map((m) => m.raw.toString())).toEqual(b.map((m) => m.raw.toString()));
    const dates = a.map((m) => m.internalDate.getTime());
    expect([...dates].sort((x, y) => x - y)).toEqual(dates);
    const ids = new Set(a.map((m) => /Message-ID: (.*)\r\n/.exec(m.raw.toString())?.[1]));
    expect(ids.size).toBe(1000);
    expect(a.slice(-50).every((m) => !m.flags.includes('\\Seen'))).toBe(true);
  });
});
