import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  /** Runs the task again (the 重试 button). */
  retry: () => void;
}

/**
 * Runs `task` when `deps` change (and on `retry`), keeping only the latest answer. With
 * `enabled: false` nothing runs and the state stays loading (e.g. while the position is unknown).
 */
export function useAsync<T>(task: () => Promise<T>, deps: DependencyList, enabled = true): AsyncState<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const run = ++latest.current;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    task().then(
      (data) => {
        if (run === latest.current) setState({ data, error: null, loading: false });
      },
      (err: unknown) => {
        if (run === latest.current) {
          setState((s) => ({ data: s.data, error: err instanceof Error ? err : new Error(String(err)), loading: false }));
        }
      },
    );
    // `task` is rebuilt every render; `deps` say when it means something new.
  }, [...deps, attempt, enabled]);

  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
