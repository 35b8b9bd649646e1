import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Page } from '@/types/api';

export interface PagedListState<T> {
  items: T[];
  hasMore: boolean;
  /** First page loading (or reloading). */
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  loadMore: () => void;
  retry: () => void;
  /** Loads the first page again (after a change the list should show). */
  reload: () => void;
}

/** A cursor-paged list (加载更多), restarted when `deps` change; nothing loads while `enabled` is false. */
export function usePagedList<T extends { id: string }>(
  load: (cursor?: string) => Promise<Page<T>>,
  deps: DependencyList,
  enabled = true,
): PagedListState<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;

  useEffect(() => {
    if (!enabled) return;
    const run = ++generation.current;
    setLoading(true);
    setError(null);
    latestLoad.current().then(
      (page) => {
        if (run !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: Error) => {
        if (run !== generation.current) return;
        // The old items belong to other parameters (a previous search): show the error, not them.
        setItems([]);
        setCursor(undefined);
        setError(err);
        setLoading(false);
      },
    );
  }, [...deps, attempt, enabled]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const run = generation.current;
    setLoadingMore(true);
    setError(null);
    latestLoad.current(cursor).then(
      (page) => {
        if (run !== generation.current) return;
        setItems((prev) => [...prev, ...page.items.filter((item) => !prev.some((p) => p.id === item.id))]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: Error) => {
        if (run !== generation.current) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  }, [cursor, loadingMore]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const retry = useCallback(() => {
    if (items.length > 0 && cursor) loadMore();
    else reload();
  }, [items.length, cursor, loadMore, reload]);

  return { items, hasMore: !!cursor, loading, loadingMore, error, loadMore, retry, reload };
}
