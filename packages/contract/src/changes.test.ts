import { describe, expect, it } from 'vitest';
import { ChangesResponseSchema } from './changes.ts';
import { MessageHeaderSchema } from './messages.ts';
import { STATE, header } from './test-fixtures.ts';

const changes = {
  kind: 'changes',
  state: STATE,
  added: [],
  updated: [],
  vanished: [],
  hasMore: false,
};

describe('ChangesResponseSchema', () => {
  it('discriminates on kind', () => {
    expect(ChangesResponseSchema.parse(changes)).toEqual(changes);
    const cannot = { kind: 'cannotCalculateChanges', state: STATE, reason: 'tooOld' };
    expect(ChangesResponseSchema.parse(cannot)).toEqual(cannot);
    expect(ChangesResponseSchema.safeParse({ ...changes, kind: 'other' }).success).toBe(false);
    expect(ChangesResponseSchema.safeParse({ ...cannot, reason: 'why' }).success).toBe(false);
  });

  it.each([
    ['numeric modseq', { updated: [{ uid: 1, flags: [], modseq: 5 }] }],
    ['uid 0 vanished', { vanished: [0] }],
    ['bad state', { state: '1:2' }],
    ['missing hasMore', { hasMore: undefined }],
  ])('rejects %s', (_, patch) => {
    expect(ChangesResponseSchema.safeParse({ ...changes, ...patch }).success).toBe(false);
  });
});

describe('MessageHeaderSchema', () => {
  it('accepts odd but real mail', () => {
    const odd = {
      ...header(),
      modseq: null,
      sentDate: null,
      subject: '',
      from: [{ name: '', address: '' }],
      flags: ['\\Recent', 'NonJunk'],
      preview: '',
    };
    expect(MessageHeaderSchema.parse(odd)).toEqual(odd);
  });

  it.each([
    ['long preview', { preview: 'x'.repeat(201) }],
    ['date without time', { date: '2024-05-01' }],
    ['id of another message', { id: 'abc' }],
  ])('rejects %s', (_, patch) => {
    expect(MessageHeaderSchema.safeParse({ ...header(), ...patch }).success).toBe(false);
  });
});
