import { useCallback, useEffect, useRef, useState } from 'react';
import { listSiteMartyrs } from '@/services/sites';
import type { MartyrSummary } from '@/types/api';

export interface SiteMartyrsState {
  items: MartyrSummary[];
  hasMore: boolean;
  /** First page loading (or reloading after a new search). */
  loading: boolean;
  loadingMore: boolean;
  error: Error | null;
  loadMore: () => void;
  retry: () => void;
}

/** A site's martyrs, searched by `q`, one cursor page at a time (加载更多). */
export function useSiteMartyrs(siteId: string | undefined, q: string): SiteMartyrsState {
  const [items, setItems] = useState<MartyrSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    if (!siteId) return;
    const run = ++generation.current;
    setLoading(true);
    setError(null);
    listSiteMartyrs(siteId, { q }).then(
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
  }, [siteId, q, attempt]);

  const loadMore = useCallback(() => {
    if (!siteId || !cursor || loadingMore) return;
    const run = generation.current;
    setLoadingMore(true);
    setError(null);
    listSiteMartyrs(siteId, { q, cursor }).then(
      (page) => {
        if (run !== generation.current) return;
        setItems((prev) => [...prev, ...page.items.filter((m) => !prev.some((p) => p.id === m.id))]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: Error) => {
        if (run !== generation.current) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  }, [siteId, q, cursor, loadingMore]);

  const retry = useCallback(() => {
    if (items.length > 0 && cursor) loadMore();
    else setAttempt((n) => n + 1);
  }, [items.length, cursor, loadMore]);

  return { items, hasMore: !!cursor, loading, loadingMore, error, loadMore, retry };
}
