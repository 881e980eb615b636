import { describe, expect, it } from 'vitest';
import { formatFullDate, formatListDate, formatSize, senderName } from './format.ts';

const NOW = new Date(2024, 5, 15, 16, 0).getTime();

describe('formatListDate', () => {
  it('shows the time for today, day and month this year, the full date before', () => {
    expect(formatListDate(new Date(2024, 5, 15, 9, 5).toISOString(), NOW, 'en-GB')).toMatch(
      /^0?9:05$/,
    );
    expect(formatListDate(new Date(2024, 2, 3, 9, 5).toISOString(), NOW, 'en-GB')).toBe('3 Mar');
    expect(formatListDate(new Date(2022, 11, 24).toISOString(), NOW, 'en-GB')).toBe('24 Dec 2022');
    expect(formatListDate('not a date', NOW, 'en-GB')).toBe('');
  });

  it('gives exactly what toLocale*String gives, in any locale', () => {
    const dates = [
      new Date(2024, 5, 15, 0, 1),
      new Date(2024, 0, 9, 23, 59),
      new Date(1999, 11, 31),
    ];
    for (const locale of ['en-US', 'de-DE', 'ja-JP', undefined]) {
      for (const date of dates) {
        const iso = date.toISOString();
        const sameDay = date.toDateString() === new Date(NOW).toDateString();
        const expected = sameDay
          ? date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })
          : date.getFullYear() === 2024
            ? date.toLocaleDateString(locale, { day: 'numeric', month: 'short' })
            : date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
        expect(formatListDate(iso, NOW, locale)).toBe(expected);
        expect(formatFullDate(iso, locale)).toBe(
          date.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' }),
        );
      }
    }
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [5_500_000, '5.2 MB'],
    [3 * 1024 ** 3, '3 GB'],
  ])('%i → %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('senderName', () => {
  it('prefers the display name, then the address', () => {
    expect(senderName([{ name: 'Ada', address: 'ada@x.test' }])).toBe('Ada');
    expect(senderName([{ name: '', address: 'ada@x.test' }])).toBe('ada@x.test');
    expect(senderName([])).toBe('(unknown sender)');
  });
});
