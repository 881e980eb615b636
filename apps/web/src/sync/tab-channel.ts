import type { ServerEvent } from '@petrel/contract';
import type { SyncStatus } from '../data/types.ts';

/**
 * Messages between tabs of one account. Data needs no forwarding (every tab reads Dexie,
 * and liveQuery sees other tabs' writes); the leader forwards events and its sync status
 * so follower tabs show the same connection state.
 */
export type TabMessage =
  | { type: 'event'; event: ServerEvent }
  | { type: 'status'; status: SyncStatus }
  | { type: 'statusRequest' }
  /** A follower asks the leader to sync now (e.g. it marked a folder for re-sync). */
  | { type: 'syncRequest' }
  /** A follower queued or retried an op: the leader sends the outbox (`force`: skip backoff). */
  | { type: 'replayRequest'; force: boolean }
  | { type: 'signedOut' };

export interface TabChannel {
  post(message: TabMessage): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

export interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  close(): void;
}

export function createTabChannel(channel: BroadcastChannelLike | null): TabChannel {
  let closed = false;
  return {
    // A BroadcastChannel throws on a post after close; a runtime's late status updates, or a
    // sign-out that finds its runtime already closed (an expired session seen meanwhile), post.
    post: (message) => {
      if (!closed) channel?.postMessage(message);
    },
    subscribe: (listener) => {
      if (!channel) return () => undefined;
      // Same-origin tabs of this app are the only senders; the shape is ours.
      const handler = (event: MessageEvent) => listener(event.data as TabMessage);
      channel.addEventListener('message', handler);
      return () => channel.removeEventListener('message', handler);
    },
    close: () => {
      closed = true;
      channel?.close();
    },
  };
}
