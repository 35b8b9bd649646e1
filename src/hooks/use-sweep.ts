import { useEffect, useState } from 'react';
import { getSweep } from '@/services/proxy-sweeps';
import type { ProxySweepDetail } from '@/types/api';
import { useAsync } from './use-async';

export interface SweepState {
  sweep: ProxySweepDetail | undefined;
  loading: boolean;
  error: Error | null;
  /** Loads the request again (重试, shown again, or after an action was refused because it moved meanwhile). */
  retry: () => void;
  /** Shows the request as an action answered it. */
  replace: (sweep: ProxySweepDetail) => void;
}

/**
 * What to show when a read answers: the read, unless it is older than the request on screen (a read sent
 * before an action whose answer came first: its history is shorter, as history only grows).
 */
function newest(shown: ProxySweepDetail | undefined, read: ProxySweepDetail | undefined): ProxySweepDetail | undefined {
  if (!read) return shown;
  if (shown && shown.id === read.id && shown.history.length > read.history.length) return shown;
  return read;
}

/** One proxy sweep request (GET /proxy-sweeps/:id), kept current after each action. */
export function useSweep(id: string | undefined, enabled = true): SweepState {
  const loaded = useAsync(() => getSweep(id!), [id], !!id && enabled);
  const [sweep, setSweep] = useState<ProxySweepDetail | undefined>();
  useEffect(() => setSweep((shown) => newest(shown, loaded.data)), [loaded.data]);
  return { sweep, loading: loaded.loading, error: loaded.error, retry: loaded.retry, replace: setSweep };
}
