import type { Address } from '@petrel/contract';

/**
 * Dates in the message list: a time for today, day and month for this year, the full
 * date for older mail. `locale` is for tests; the app uses the browser's.
 */
export function formatListDate(iso: string, now: number, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) {
    return date.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' });
  }
  if (date.getFullYear() === today.getFullYear()) {
    return date.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  }
  return date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatFullDate(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'short' });
}

const SIZE_UNITS = ['KB', 'MB', 'GB'] as const;

/** Binary units, as file managers show them: 1536 → "1.5 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${rounded} ${SIZE_UNITS[unit] ?? 'GB'}`;
}

export function formatCount(count: number, locale?: string): string {
  return count.toLocaleString(locale);
}

/** "Ada Lovelace" or the address; mail without a From shows a placeholder. */
export function senderName(from: readonly Address[]): string {
  const first = from[0];
  if (first === undefined) return '(unknown sender)';
  return first.name || first.address || '(unknown sender)';
}

export function formatAddress(address: Address): string {
  if (address.name && address.address) return `${address.name} <${address.address}>`;
  return address.name || address.address;
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
