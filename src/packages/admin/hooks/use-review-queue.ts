import { useState } from 'react';
import { usePagedList, type PagedListState } from '@/hooks/use-paged-list';
import { useSubmit } from '@/hooks/use-submit';
import { approveTribute, getReviewQueue, rejectTribute } from '@/services/tributes';
import type { ReviewTribute, TributeStatus } from '@/types/api';

export interface ReviewQueueState {
  list: PagedListState<ReviewTribute>;
  /** Ids decided in this session, with the decision, so the item changes at once. */
  decided: Record<string, TributeStatus>;
  approve: (id: string) => Promise<boolean>;
  reject: (id: string, reason: string) => Promise<boolean>;
  pending: boolean;
  error: Error | null;
}

/** The message review queue (寄语审核) of the manager's sites (all sites for an admin). */
export function useReviewQueue(status: TributeStatus, enabled: boolean): ReviewQueueState {
  const list = usePagedList((cursor) => getReviewQueue(status, cursor), [status], enabled);
  const [decided, setDecided] = useState<Record<string, TributeStatus>>({});
  const approve = useSubmit(async (id: string) => {
    const res = await approveTribute(id);
    setDecided((d) => ({ ...d, [id]: res.status }));
  });
  const reject = useSubmit(async (id: string, reason: string) => {
    const res = await rejectTribute(id, reason);
    setDecided((d) => ({ ...d, [id]: res.status }));
  });
  return {
    list,
    decided,
    approve: approve.submit,
    reject: reject.submit,
    pending: approve.pending || reject.pending,
    error: approve.error ?? reject.error,
  };
}
