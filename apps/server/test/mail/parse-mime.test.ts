import { describe, expect, it } from 'vitest';
import { parseMime } from '../../src/mail/parse-mime.js';

const message = (n: number) =>
  new TextEncoder().encode(
    `From: a@example.com\r\nSubject: Message ${n}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody number ${n}\r\n`,
  );

describe('parseMime', () => {
  it('parses one message after another, each on its own (no state carried over)', async () => {
    for (const n of [1, 2, 3]) {
      const parsed = await parseMime(message(n));
      expect(parsed.text?.trim()).toBe(`Body number ${n}`);
      expect(parsed.headers).toContainEqual({ key: 'Subject', value: `Message ${n}` });
    }
  });

  it('answers parses that run at the same time with their own messages', async () => {
    const results = await Promise.all([4, 5, 6, 7, 8].map((n) => parseMime(message(n))));
    expect(results.map((r) => r.text?.trim())).toEqual(
      [4, 5, 6, 7, 8].map((n) => `Body number ${n}`),
    );
  });

  it('gives up on a parse that outlives its time limit', async () => {
    const big = new TextEncoder().encode(
      'Content-Type: text/plain\r\n\r\n' + 'line of text\r\n'.repeat(400_000),
    );
    await expect(parseMime(big, { timeoutMs: 1, heapMb: 256 })).rejects.toThrow(/longer than 1 ms/);
  });
});
