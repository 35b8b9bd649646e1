import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProxySweepList, ProxySweepSummary } from '@/types/api';

export interface SweepListState {
  items: ProxySweepSummary[];
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  loadMore: () => void;
  reload: () => void;
}

/** A cursor-paged list of requests (mine, or a staff queue), reloaded when `key` changes. */
export function useSweepList(load: (cursor?: string) => Promise<ProxySweepList>, key: string, enabled = true): SweepListState {
  const [items, setItems] = useState<ProxySweepSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    if (!enabled) return;
    const run = ++generation.current;
    setLoading(true);
    setError(null);
    loader.current().then(
      (page) => {
        if (run !== generation.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: Error) => {
        if (run !== generation.current) return;
        setItems([]);
        setCursor(undefined);
        setError(err);
        setLoading(false);
      },
    );
  }, [key, attempt, enabled]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore) return;
    const run = generation.current;
    setLoadingMore(true);
    loader.current(cursor).then(
      (page) => {
        if (run !== generation.current) return;
        setItems((prev) => [...prev, ...page.items.filter((s) => !prev.some((p) => p.id === s.id))]);
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
  return { items, hasMore: !!cursor, loading, loadingMore, error, loadMore, reload };
}
