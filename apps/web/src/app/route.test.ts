import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, parseRoute, routeHref } from './route.ts';

describe('routes', () => {
  it.each([
    [{ folder: 'INBOX', messageId: null }, '#/folder/INBOX'],
    [
      { folder: 'Projects/2024 50%', messageId: 'MTox_-' },
      '#/folder/Projects%2F2024%2050%25/message/MTox_-',
    ],
  ])('round-trips %j', (route, href) => {
    expect(routeHref(route)).toBe(href);
    expect(parseRoute(href)).toEqual(route);
  });

  it.each(['', '#', '#/', '#/folder/', '#/elsewhere/x', '#/folder/%E0%A4%A'])(
    'falls back to the inbox for %j',
    (hash) => {
      expect(parseRoute(hash)).toEqual(DEFAULT_ROUTE);
    },
  );
});
