/**
 * Calendar arithmetic in Asia/Shanghai (UTC+8 all year since 1991), on `YYYY-MM-DD` strings, which is
 * how the API and the slot ids carry dates.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written `YYYY-MM-DD` (no 2025-02-30). */
export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** True for `HH:MM` between 00:00 and 23:59. */
export function isValidTime(time: string): boolean {
  return TIME_RE.test(time);
}

export function minutesOf(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new Error(`not a time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function utcMidnight(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function format(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(at: Date): string {
  return format(at.getTime() + SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return format(utcMidnight(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(utcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant at which `time` (HH:MM) on `date` happens in Shanghai. */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(utcMidnight(date) + minutesOf(time) * 60_000 - SHANGHAI_OFFSET_MS);
}
