import { useEffect, useState } from 'react';
import { useReadAgain } from '@/hooks/use-read-again';
import { useSweep, type SweepState } from '@/hooks/use-sweep';
import type { ProxySweepDetail, SweepActionName } from '@/types/api';

/** The steps staff take a job through (rejecting is a way out, not a step). */
const STEPS: readonly SweepActionName[] = ['accept', 'start', 'complete'];

function hasStep(sweep: ProxySweepDetail): boolean {
  return sweep.actions.some((a) => STEPS.includes(a));
}

function nameOf(actor: { name?: string }): string {
  return actor.name ? `工作人员「${actor.name}」` : '其他工作人员';
}

/**
 * Why the signed-in staff member can no longer take this job on, in words; null while the server still
 * offers them a step, or when they ended it themselves (their own completion or rejection).
 */
export function jobGoneReason(sweep: ProxySweepDetail, userId: string | undefined): string | null {
  if (hasStep(sweep)) return null;
  const last = sweep.history[sweep.history.length - 1];
  if (!last || last.actor.id === userId) return null;
  switch (sweep.status) {
    case 'cancelled':
      return `家属已取消这次代祭扫申请${sweep.cancelReason ? `（${sweep.cancelReason}）` : ''}，无需再前往祭扫。`;
    case 'rejected':
      return `该申请已由${nameOf(last.actor)}退回，无需再前往祭扫。`;
    case 'completed':
    case 'confirmed': {
      const done = sweep.history.find((h) => h.status === 'completed');
      return done && done.actor.id !== userId ? `该工单已由${nameOf(done.actor)}完成，无需再提交凭证。` : null;
    }
    default:
      return sweep.assignee && sweep.assignee.id !== userId ? `该工单已改由${nameOf(sweep.assignee)}执行，您无需再处理。` : null;
  }
}

export interface SweepJob extends SweepState {
  /** Set when a step this page offered is gone because someone else moved the job on (see jobGoneReason). */
  gone: string | null;
}

/**
 * A proxy-sweep job as staff work it: read again whenever the page is shown again (back from another page,
 * the app brought to the front, and in WeChat the camera taking a proof photo) and on pull-down. Only the
 * request is replaced; what the staff member is putting together on the page lives in its own state.
 */
export function useSweepJob(id: string | undefined, userId: string | undefined, enabled: boolean): SweepJob {
  const state = useSweep(id, enabled);
  useReadAgain(state.retry, enabled);
  const sweep = state.sweep;
  const offered = !!sweep && hasStep(sweep);
  const [wasOffered, setWasOffered] = useState(false);
  useEffect(() => {
    if (offered) setWasOffered(true);
  }, [offered]);
  return { ...state, gone: wasOffered && sweep ? jobGoneReason(sweep, userId) : null };
}
