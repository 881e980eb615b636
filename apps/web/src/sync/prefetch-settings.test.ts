import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_OFFLINE_SETTINGS,
  readOfflineSettings,
  subscribeOfflineSettings,
  writeOfflineSettings,
} from './prefetch-settings.ts';

const ACCOUNT = 'ada@petrel.test';
const KEY = `petrel:offline:${ACCOUNT}`;

afterEach(() => localStorage.clear());

describe('offline settings', () => {
  it('default to the last 30 days within 50 MB, with small attachments', () => {
    expect(readOfflineSettings(ACCOUNT)).toEqual({
      prefetch: true,
      scope: { kind: 'days', days: 30 },
      capMb: 50,
      saveAttachments: true,
    });
  });

  it('are stored per account and announced to subscribers', () => {
    const listener = vi.fn();
    const unsubscribe = subscribeOfflineSettings(listener);
    const settings = { ...DEFAULT_OFFLINE_SETTINGS, scope: { kind: 'count' as const, count: 200 } };
    expect(writeOfflineSettings(ACCOUNT, settings)).toBe(true);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(readOfflineSettings(ACCOUNT)).toEqual(settings);
    expect(readOfflineSettings('other@petrel.test')).toEqual(DEFAULT_OFFLINE_SETTINGS);
    unsubscribe();
  });

  it('refuse values out of range and read anything malformed as the defaults', () => {
    expect(writeOfflineSettings(ACCOUNT, { ...DEFAULT_OFFLINE_SETTINGS, capMb: 1 })).toBe(false);
    expect(localStorage.getItem(KEY)).toBeNull();
    localStorage.setItem(KEY, '{"prefetch":"yes"}');
    expect(readOfflineSettings(ACCOUNT)).toEqual(DEFAULT_OFFLINE_SETTINGS);
    localStorage.setItem(KEY, 'not json');
    expect(readOfflineSettings(ACCOUNT)).toEqual(DEFAULT_OFFLINE_SETTINGS);
  });
});
