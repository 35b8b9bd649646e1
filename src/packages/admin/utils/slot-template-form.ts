import type { SlotTemplateInput, SlotTemplateView, TemplateSlot } from '@/types/api';

/** The server's bounds (cloud/src/bookings/schemas.ts), checked here first so the form can say where. */
export const MAX_SLOTS_PER_DAY = 48;
export const MAX_SLOT_CAPACITY = 5000;
export const MAX_WINDOW_DAYS = 90;
export const MAX_CUTOFF_MINUTES = 7 * 24 * 60;
export const MAX_OVERRIDES = 400;
const DEFAULT_WINDOW_DAYS = 7;
const DEFAULT_CUTOFF_MINUTES = 60;

/** 1 = Monday … 7 = Sunday, as the API counts them. */
export const WEEKDAY_LABELS: ReadonlyArray<readonly [number, string]> = [
  [1, '周一'],
  [2, '周二'],
  [3, '周三'],
  [4, '周四'],
  [5, '周五'],
  [6, '周六'],
  [7, '周日'],
];

/** One time slot as typed (every input edits a string; numbers are parsed on save). */
export interface SlotRow {
  start: string;
  end: string;
  capacity: string;
}

/** A date that differs from the week: other slots (a Qingming peak) or closed. */
export interface OverrideRow {
  date: string;
  closed: boolean;
  slots: SlotRow[];
  note: string;
}

export interface SlotTemplateForm {
  weekdays: number[];
  slots: SlotRow[];
  overrides: OverrideRow[];
  bookingWindowDays: string;
  cancelCutoffMinutes: string;
}

/** A problem with the form: where (a key the page shows it under) and what, in words for a manager. */
export interface FormProblem {
  path: string;
  message: string;
}

const rowOf = (s: TemplateSlot): SlotRow => ({ start: s.start, end: s.end, capacity: String(s.capacity) });

/** A fresh template: Tuesday to Sunday, two slots a morning and two an afternoon, 50 people each. */
export function defaultForm(): SlotTemplateForm {
  return {
    weekdays: [2, 3, 4, 5, 6, 7],
    slots: [
      { start: '09:00', end: '10:30', capacity: '50' },
      { start: '10:30', end: '12:00', capacity: '50' },
      { start: '14:00', end: '15:30', capacity: '50' },
      { start: '15:30', end: '17:00', capacity: '50' },
    ],
    overrides: [],
    bookingWindowDays: String(DEFAULT_WINDOW_DAYS),
    cancelCutoffMinutes: String(DEFAULT_CUTOFF_MINUTES),
  };
}

export function formFromTemplate(t: SlotTemplateView): SlotTemplateForm {
  return {
    weekdays: [...t.weekdays].sort((a, b) => a - b),
    slots: t.slots.map(rowOf),
    overrides: t.overrides.map((o) => ({ date: o.date, closed: !!o.closed, slots: (o.slots ?? []).map(rowOf), note: o.note ?? '' })),
    bookingWindowDays: String(t.bookingWindowDays),
    cancelCutoffMinutes: String(t.cancelCutoffMinutes),
  };
}

/** The slot after the last one: starts where it ended, as long, same capacity (09:00 for the first). */
export function nextSlot(slots: readonly SlotRow[]): SlotRow {
  const last = slots.at(-1);
  if (!last || minutes(last.start) === null || minutes(last.end) === null) return { start: '09:00', end: '10:00', capacity: last?.capacity ?? '50' };
  const length = Math.max(30, minutes(last.end)! - minutes(last.start)!);
  const end = Math.min(minutes(last.end)! + length, 23 * 60 + 59);
  return { start: last.end, end: clock(end), capacity: last.capacity };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function minutes(time: string): number | null {
  if (!TIME.test(time)) return null;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function wholeNumber(value: string): number | null {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

function slotProblems(slots: readonly SlotRow[], path: string, label: string): FormProblem[] {
  const problems: FormProblem[] = [];
  if (slots.length > MAX_SLOTS_PER_DAY) problems.push({ path, message: `${label}每天最多 ${MAX_SLOTS_PER_DAY} 个时段` });
  const valid: Array<{ i: number; start: number; end: number }> = [];
  slots.forEach((s, i) => {
    const where = `${label}第 ${i + 1} 个时段`;
    const start = minutes(s.start.trim());
    const end = minutes(s.end.trim());
    if (start === null) problems.push({ path: `${path}.${i}.start`, message: `${where}：开始时间应为 HH:MM（24 小时制）` });
    if (end === null) problems.push({ path: `${path}.${i}.end`, message: `${where}：结束时间应为 HH:MM（24 小时制）` });
    if (start !== null && end !== null) {
      if (end <= start) problems.push({ path: `${path}.${i}.end`, message: `${where}：结束时间须晚于开始时间` });
      else valid.push({ i, start, end });
    }
    const capacity = wholeNumber(s.capacity);
    if (capacity === null || capacity < 1 || capacity > MAX_SLOT_CAPACITY) {
      problems.push({ path: `${path}.${i}.capacity`, message: `${where}：名额应为 1–${MAX_SLOT_CAPACITY} 的整数` });
    }
  });
  valid.sort((a, b) => a.start - b.start);
  for (let n = 1; n < valid.length; n++) {
    const [before, after] = [valid[n - 1]!, valid[n]!];
    if (after.start < before.end) {
      problems.push({ path: `${path}.${after.i}.start`, message: `${label}第 ${after.i + 1} 个时段与第 ${before.i + 1} 个时段重叠` });
    }
  }
  return problems;
}

/** Everything the server would refuse, in the form's order; empty when the form can be saved. */
export function slotTemplateProblems(form: SlotTemplateForm): FormProblem[] {
  const problems: FormProblem[] = [];
  if (form.weekdays.length > 0 && form.slots.length === 0) problems.push({ path: 'slots', message: '已选开放的星期，请至少添加一个时段' });
  problems.push(...slotProblems(form.slots, 'slots', ''));
  if (form.overrides.length > MAX_OVERRIDES) problems.push({ path: 'overrides', message: `特殊日期最多 ${MAX_OVERRIDES} 条` });
  const seen = new Set<string>();
  form.overrides.forEach((o, i) => {
    const label = `特殊日期 ${o.date || `第 ${i + 1} 条`}`;
    if (!isRealDate(o.date)) problems.push({ path: `overrides.${i}.date`, message: `${label}：日期应为 YYYY-MM-DD` });
    else if (seen.has(o.date)) problems.push({ path: `overrides.${i}.date`, message: `${label}：同一日期只能有一条特殊安排` });
    seen.add(o.date);
    if (o.note.trim().length > 100) problems.push({ path: `overrides.${i}.note`, message: `${label}：说明不能超过 100 个字` });
    if (!o.closed) {
      if (o.slots.length === 0) problems.push({ path: `overrides.${i}`, message: `${label}：请设置时段，或标记为闭馆` });
      problems.push(...slotProblems(o.slots, `overrides.${i}.slots`, `${label}的`));
    }
  });
  const window = wholeNumber(form.bookingWindowDays);
  if (window === null || window > MAX_WINDOW_DAYS) problems.push({ path: 'bookingWindowDays', message: `可预约天数应为 0–${MAX_WINDOW_DAYS} 的整数` });
  const cutoff = wholeNumber(form.cancelCutoffMinutes);
  if (cutoff === null || cutoff > MAX_CUTOFF_MINUTES) problems.push({ path: 'cancelCutoffMinutes', message: `取消截止应为 0–${MAX_CUTOFF_MINUTES} 分钟的整数` });
  return problems;
}

const slotOf = (s: SlotRow): TemplateSlot => ({ start: s.start.trim(), end: s.end.trim(), capacity: Number(s.capacity.trim()) });
const byStart = (a: TemplateSlot, b: TemplateSlot) => a.start.localeCompare(b.start);

/**
 * The PUT body of a valid form. The template is replaced whole, so the rules this screen does not edit
 * (companions, group rules) are sent back as loaded; a new template leaves them to the server's defaults.
 */
export function templateBody(form: SlotTemplateForm, loaded: SlotTemplateView | null): SlotTemplateInput {
  return {
    weekdays: [...form.weekdays].sort((a, b) => a - b),
    slots: form.slots.map(slotOf).sort(byStart),
    overrides: form.overrides
      .map((o) => ({
        date: o.date,
        ...(o.closed ? { closed: true } : { slots: o.slots.map(slotOf).sort(byStart) }),
        ...(o.note.trim() ? { note: o.note.trim() } : {}),
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    bookingWindowDays: Number(form.bookingWindowDays.trim()),
    cancelCutoffMinutes: Number(form.cancelCutoffMinutes.trim()),
    ...(loaded ? { maxCompanions: loaded.maxCompanions, group: loaded.group } : {}),
  };
}

/** A line that sums up a day's slots: "4 个时段，共 200 人". */
export function daySummary(slots: ReadonlyArray<{ capacity: string | number }>): string {
  const total = slots.reduce((n, s) => n + (wholeNumber(String(s.capacity)) ?? 0), 0);
  return slots.length === 0 ? '未设时段' : `${slots.length} 个时段，共 ${total} 人`;
}
