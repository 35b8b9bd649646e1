import { useCallback, useRef, useState } from 'react';
import { getTributeStats, getTributeWall, isRetryableFailure, offerTribute, type TributeTargetRef } from '@/services/tributes';
import type { PublicTribute, TributeKind, TributeStats } from '@/types/api';
import { newIdempotencyKey } from '@/utils/idempotency-key';
import { useAsync } from './use-async';
import { usePagedList, type PagedListState } from './use-paged-list';

/** What the tribute sheet sends: a kind, and optional words. */
export interface TributeInput {
  kind: TributeKind;
  message?: string;
}

/** What happened: the counts after the tribute, and for words, whether they show now or wait for review. */
export interface TributeOutcome {
  kind: TributeKind;
  stats: TributeStats;
  messageStatus?: 'published' | 'pending';
  /** The words could not be sent although the flower, candle or bow was (e.g. too many messages). */
  messageError?: Error;
}

export interface TributesState {
  stats: TributeStats | undefined;
  statsLoading: boolean;
  statsError: Error | null;
  retryStats: () => void;
  wall: PagedListState<PublicTribute>;
  /** Offers a tribute; words with a flower, candle or bow go as a second tribute of kind message. */
  offer: (input: TributeInput) => Promise<TributeOutcome>;
}

/** The counts, the wall and the tribute action of a site or martyr page. */
export function useTributes(target: TributeTargetRef | undefined): TributesState {
  const key = target ? `${target.type}:${target.id}` : '';
  const stats = useAsync(() => getTributeStats(target as TributeTargetRef), [key], !!target);
  const wall = usePagedList((cursor) => getTributeWall(target as TributeTargetRef, { cursor }), [key], !!target);
  const [fresh, setFresh] = useState<{ key: string; stats: TributeStats } | null>(null);
  // A tribute that got no answer even after the service's retries may have been recorded: when the
  // person sends the same thing again it keeps its Idempotency-Key, so it is recorded at most once.
  const unanswered = useRef(new Map<string, string>());

  const send = useCallback(async (to: TributeTargetRef, kind: TributeKind, words?: string) => {
    const action = JSON.stringify([to.type, to.id, kind, words ?? '']);
    const idempotencyKey = unanswered.current.get(action) ?? newIdempotencyKey('tr');
    try {
      const res = await offerTribute(to, kind, words, { idempotencyKey });
      unanswered.current.delete(action);
      return res;
    } catch (err) {
      if (isRetryableFailure(err)) unanswered.current.set(action, idempotencyKey);
      else unanswered.current.delete(action);
      throw err;
    }
  }, []);

  const offer = useCallback(
    async ({ kind, message }: TributeInput): Promise<TributeOutcome> => {
      if (!target) throw new Error('未指定祭扫对象');
      const words = message?.trim() ? message.trim() : undefined;
      let outcome: TributeOutcome;
      if (kind === 'message') {
        const res = await send(target, 'message', words);
        outcome = { kind, stats: res.stats, messageStatus: res.status };
      } else {
        const res = await send(target, kind);
        outcome = { kind, stats: res.stats };
        if (words) {
          try {
            const note = await send(target, 'message', words);
            outcome = { ...outcome, stats: note.stats, messageStatus: note.status };
          } catch (err) {
            outcome = { ...outcome, messageError: err instanceof Error ? err : new Error(String(err)) };
          }
        }
      }
      setFresh({ key, stats: outcome.stats });
      wall.reload();
      return outcome;
    },
    [target?.type, target?.id, key, wall.reload, send],
  );

  return {
    stats: fresh && fresh.key === key ? fresh.stats : stats.data,
    statsLoading: stats.loading,
    statsError: stats.error,
    retryStats: stats.retry,
    wall,
    offer,
  };
}
