import { SWEEP_RULES } from '../contracts/proxy-sweeps.js';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of `at`, shifted by `days`. */
export function shanghaiDate(at: Date, days = 0): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The window a preferred date must fall in, as of `now`: [earliest, latest], both YYYY-MM-DD. */
export function preferredDateWindow(now: Date): { earliest: string; latest: string } {
  return { earliest: shanghaiDate(now, SWEEP_RULES.minDaysAhead), latest: shanghaiDate(now, SWEEP_RULES.maxDaysAhead) };
}

/** Why a preferred date is not acceptable, or null when it is. Dates compare as strings (same format). */
export function preferredDateProblem(date: string, now: Date): string | null {
  const { earliest, latest } = preferredDateWindow(now);
  if (date < earliest) return `期望日期最早为 ${earliest}`;
  if (date > latest) return `期望日期最晚为 ${latest}（${SWEEP_RULES.maxDaysAhead} 天内）`;
  return null;
}
