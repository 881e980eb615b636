/** A tiny observable value, for useSyncExternalStore and for tabs to mirror the leader. */
export interface Store<T> {
  get(): T;
  set(next: T): void;
  update(patch: Partial<T>): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T extends object>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    if (next === value) return;
    value = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => value,
    set,
    update: (patch) => {
      const changed = Object.entries(patch).some(
        ([key, next]) => !Object.is(value[key as keyof T], next),
      );
      if (changed) set({ ...value, ...patch });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
