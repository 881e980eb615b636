import { describe, expect, it } from 'vitest';
import { FlagSchema, KEYWORDS, SYSTEM_FLAGS } from './flags.ts';

describe('FlagSchema (IMAP injection guard)', () => {
  it.each([
    ...SYSTEM_FLAGS,
    ...Object.values(KEYWORDS),
    'Work',
    'todo-2024',
    'a.b',
    'x'.repeat(100),
  ])('accepts %j', (flag) => {
    expect(FlagSchema.safeParse(flag).success).toBe(true);
  });

  it.each([
    ['CRLF + command', '\\Seen\r\nA1 LOGOUT'],
    ['LF', '$Junk\n'],
    ['literal', '{5+}'],
    ['literal open', '{5}'],
    ['closing brace', 'a}'],
    ['quoted', '"quoted"'],
    ['NUL', 'a\0b'],
    ['space', '$Junk \\Seen'],
    ['parentheses', '(\\Seen)'],
    ['close paren', 'a)'],
    ['wildcard %', 'a%'],
    ['wildcard *', '*'],
    ['resp-special ]', 'a]'],
    ['backslash keyword', '\\Custom'],
    ['\\Recent (cannot be set)', '\\Recent'],
    ['non-canonical case', '\\seen'],
    ['DEL', 'a\x7f'],
    ['tab', 'a\tb'],
    ['non-ASCII', 'Wichtig✓'],
    ['empty', ''],
    ['101 characters', 'x'.repeat(101)],
  ])('rejects %s', (_, flag) => {
    expect(FlagSchema.safeParse(flag).success).toBe(false);
  });
});
