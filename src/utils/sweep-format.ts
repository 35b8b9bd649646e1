import type { ProxySweepDetail, SweepStatus } from '@/types/api';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** The server accepts preferred dates from tomorrow up to 90 days ahead (Asia/Shanghai). */
const MIN_DAYS_AHEAD = 1;
const MAX_DAYS_AHEAD = 90;

/** YYYY-MM-DD in Asia/Shanghai, `days` after `at`. */
export function shanghaiDate(at: Date, days = 0): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The dates the date picker offers, and the one it starts on. */
export function preferredDateRange(now: Date): { start: string; end: string; initial: string } {
  const start = shanghaiDate(now, MIN_DAYS_AHEAD);
  return { start, end: shanghaiDate(now, MAX_DAYS_AHEAD), initial: shanghaiDate(now, 3) };
}

/** "2026-04-02 10:30" in Asia/Shanghai, whatever the phone's time zone. */
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const s = new Date(t + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** Which grave a request is for, in words. */
export function graveTitle(sweep: { martyrName?: string; graveDescription?: string }): string {
  if (sweep.martyrName) return `${sweep.martyrName}烈士`;
  return sweep.graveDescription ?? '烈士墓';
}

/** States still waiting for someone to act. */
export function isOpen(status: SweepStatus): boolean {
  return status === 'submitted' || status === 'accepted' || status === 'in_progress' || status === 'completed';
}

/** Whether the proof of a request deserves a second look (shown, never hidden). */
export function isProofFlagged(sweep: Pick<ProxySweepDetail, 'proof'>): boolean {
  return (sweep.proof?.flags.length ?? 0) > 0;
}

/** A rough check of a mainland mobile number before sending it (the server checks again). */
export function looksLikeMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.replace(/[\s-]/g, ''));
}
