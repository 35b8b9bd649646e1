/** A tiny value holder with change listeners, shaped for React's `useSyncExternalStore`. */
export interface Observable<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function observable<T>(initial: () => T): Observable<T> {
  let loaded = false;
  let value: T;
  const listeners = new Set<() => void>();
  return {
    get() {
      if (!loaded) {
        value = initial();
        loaded = true;
      }
      return value;
    },
    set(next) {
      value = next;
      loaded = true;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
