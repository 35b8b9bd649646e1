import { useEffect, useState } from 'react';
import { getSweep } from '@/services/proxy-sweeps';
import type { ProxySweepDetail } from '@/types/api';
import { useAsync } from './use-async';

export interface SweepState {
  sweep: ProxySweepDetail | undefined;
  loading: boolean;
  error: Error | null;
  /** Loads the request again (重试, or after an action was refused because it moved meanwhile). */
  retry: () => void;
  /** Shows the request as an action answered it. */
  replace: (sweep: ProxySweepDetail) => void;
}

/** One proxy sweep request (GET /proxy-sweeps/:id), kept current after each action. */
export function useSweep(id: string | undefined, enabled = true): SweepState {
  const loaded = useAsync(() => getSweep(id!), [id], !!id && enabled);
  const [sweep, setSweep] = useState<ProxySweepDetail | undefined>();
  useEffect(() => setSweep(loaded.data), [loaded.data]);
  return { sweep, loading: loaded.loading, error: loaded.error, retry: loaded.retry, replace: setSweep };
}
