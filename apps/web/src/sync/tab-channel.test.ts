import { describe, expect, it } from 'vitest';
import { createTabChannel } from './tab-channel.ts';

describe('createTabChannel', () => {
  it('posts until closed, and a post after close is dropped instead of throwing', () => {
    const sent: unknown[] = [];
    let closed = false;
    const channel = createTabChannel({
      postMessage: (message) => {
        // What a real BroadcastChannel does after close().
        if (closed) throw new DOMException('Channel is closed', 'InvalidStateError');
        sent.push(message);
      },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      close: () => {
        closed = true;
      },
    });
    channel.post({ type: 'statusRequest' });
    channel.close();
    expect(() => channel.post({ type: 'signedOut' })).not.toThrow();
    expect(sent).toEqual([{ type: 'statusRequest' }]);
  });
});
