import type { Op, OpResult } from '@petrel/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.ts';
import { MAX_ATTEMPTS, classifyFailure, classifyResult } from './outcome.ts';

const target = { folder: 'INBOX', uidValidity: 1, uid: 1 };
const flags: Op = { opId: 'op-00001', type: 'setFlags', target, add: ['\\Seen'], remove: [] };
const move: Op = { opId: 'op-00001', type: 'move', target, destination: 'Archive' };
const expunge: Op = { opId: 'op-00001', type: 'delete', target: { ...target, folder: 'Trash' } };
const failed = (code: 'imap_rejected' | 'folder_not_found' | 'imap_unavailable'): OpResult => ({
  opId: 'op-00001',
  status: 'failed',
  code,
  message: 'No.',
});

describe('classifyResult', () => {
  it('gone: a conflict for flags, a look in the destination for a move, done for an expunge', () => {
    const gone: OpResult = { opId: 'op-00001', status: 'gone' };
    expect(classifyResult({ op: flags, destination: null, attempts: 0 }, gone)).toMatchObject({
      kind: 'conflict',
      reason: 'gone',
    });
    expect(classifyResult({ op: move, destination: 'Archive', attempts: 0 }, gone)).toEqual({
      kind: 'locate',
    });
    expect(classifyResult({ op: expunge, destination: null, attempts: 0 }, gone)).toEqual({
      kind: 'applied',
    });
  });

  it('a deleted destination folder is a conflict at once', () => {
    expect(
      classifyResult({ op: move, destination: 'Archive', attempts: 0 }, failed('folder_not_found')),
    ).toMatchObject({
      kind: 'conflict',
      reason: 'folderMissing',
    });
  });

  it('retries a refusal, and gives up after MAX_ATTEMPTS; transient codes do not count', () => {
    const row = (attempts: number) => ({ op: flags, destination: null, attempts });
    expect(classifyResult(row(0), failed('imap_rejected'))).toEqual({ kind: 'retry', attempts: 1 });
    expect(classifyResult(row(MAX_ATTEMPTS - 1), failed('imap_rejected'))).toEqual({
      kind: 'failed',
      message: 'No.',
    });
    expect(classifyResult(row(5), failed('imap_unavailable'))).toEqual({
      kind: 'retry',
      attempts: 5,
    });
  });
});

describe('classifyFailure', () => {
  it('tells offline, auth, transient and rejected apart', () => {
    expect(classifyFailure(ApiError.of('network'))).toBe('offline');
    expect(classifyFailure(ApiError.of('unauthenticated', 401))).toBe('auth');
    expect(classifyFailure(ApiError.of('imap_unavailable', 503))).toBe('transient');
    expect(classifyFailure(ApiError.of('rate_limited', 429))).toBe('transient');
    expect(classifyFailure(new DOMException('timed out', 'TimeoutError'))).toBe('transient');
    expect(classifyFailure(ApiError.of('payload_too_large', 413))).toBe('rejected');
  });
});
