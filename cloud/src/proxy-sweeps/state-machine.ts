import type { SweepActionName, SweepStatus } from '../contracts/proxy-sweeps.js';
import { AppError } from '../errors.js';

/** Who performs an action: the family that asked, or the staff of the site. */
export type SweepParty = 'family' | 'staff';

interface Transition {
  from: readonly SweepStatus[];
  to: SweepStatus;
  by: SweepParty;
}

/**
 * The one description of a proxy sweep's life:
 * submitted → accepted → in_progress → completed → confirmed, or rejected / cancelled on the way.
 */
export const TRANSITIONS: Readonly<Record<SweepActionName, Transition>> = Object.freeze({
  accept: { from: ['submitted'], to: 'accepted', by: 'staff' },
  start: { from: ['accepted'], to: 'in_progress', by: 'staff' },
  complete: { from: ['in_progress'], to: 'completed', by: 'staff' },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: 'staff' },
  cancel: { from: ['submitted', 'accepted'], to: 'cancelled', by: 'family' },
  confirm: { from: ['completed'], to: 'confirmed', by: 'family' },
});

const STATUS_TEXT: Record<SweepStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '祭扫中',
  completed: '已完成',
  confirmed: '已确认',
  rejected: '已退回',
  cancelled: '已取消',
};

const ACTION_TEXT: Record<SweepActionName, string> = {
  accept: '受理',
  start: '开始祭扫',
  complete: '完成',
  reject: '退回',
  cancel: '取消',
  confirm: '确认',
};

/** The state an action leads to from `current`, or null when the action is not allowed there. */
export function nextStatus(current: SweepStatus, action: SweepActionName): SweepStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(current) ? t.to : null;
}

/** The state an action leads to; 409 CONFLICT naming the current state when it is not allowed. */
export function assertTransition(current: SweepStatus, action: SweepActionName): SweepStatus {
  const to = nextStatus(current, action);
  if (to) return to;
  throw new AppError('CONFLICT', `该申请当前状态为“${STATUS_TEXT[current]}”，不能${ACTION_TEXT[action]}`, {
    details: { status: current, action, allowedFrom: TRANSITIONS[action].from },
  });
}

/** Actions a party may take from a state (before the finer checks: site scope, assignee). */
export function actionsFor(current: SweepStatus, party: SweepParty): SweepActionName[] {
  return (Object.keys(TRANSITIONS) as SweepActionName[]).filter((a) => TRANSITIONS[a].by === party && TRANSITIONS[a].from.includes(current));
}

/** States from which nothing more can happen. */
export function isFinal(status: SweepStatus): boolean {
  return (Object.keys(TRANSITIONS) as SweepActionName[]).every((a) => !TRANSITIONS[a].from.includes(status));
}
