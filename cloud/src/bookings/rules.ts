/**
 * The rules of booked visits as plain functions (no database): what a template offers on a date,
 * slot ids, how a stored slot follows a changed template, when booking and cancelling are allowed,
 * party limits, idempotency fingerprints and booking codes.
 */
import { randomInt } from 'node:crypto';
import type {
  BookingKind,
  BookingRulesView,
  BookingStatus,
  DayStatus,
  GroupRules,
  SlotView,
  TemplateOverride,
  TemplateSlot,
} from '../contracts/bookings.js';
import type { FieldIssue } from '../contracts/errors.js';
import { requestFingerprint } from '../shared/idempotency.js';
import { addDays, daysBetween, isValidDate, minutesOf, shanghaiDate, shanghaiInstant, weekdayOf } from './dates.js';

export interface TemplateRules {
  bookingWindowDays: number;
  cancelCutoffMinutes: number;
  maxCompanions: number;
  group: GroupRules;
}

export const DEFAULT_RULES: TemplateRules = Object.freeze({
  bookingWindowDays: 7,
  cancelCutoffMinutes: 60,
  maxCompanions: 4,
  group: Object.freeze({ minDaysAhead: 5, maxPartySize: 50, windowDays: 30 }),
});

/** A site's slot template as the service sees it. */
export interface SlotTemplate extends TemplateRules {
  siteId: string;
  weekdays: number[];
  slots: TemplateSlot[];
  overrides: TemplateOverride[];
  /** Bumped by every change; stored slots remember the version they follow. */
  version: number;
  updatedAt: Date;
}

export type TemplateShape = Pick<SlotTemplate, 'weekdays' | 'slots' | 'overrides'>;

/** What a manager sets in a template (without its site, version and time): the view's body and the audit's record. */
export function templateContent(t: SlotTemplate): Omit<SlotTemplate, 'siteId' | 'version' | 'updatedAt'> {
  return {
    weekdays: t.weekdays,
    slots: t.slots,
    overrides: t.overrides,
    bookingWindowDays: t.bookingWindowDays,
    cancelCutoffMinutes: t.cancelCutoffMinutes,
    maxCompanions: t.maxCompanions,
    group: t.group,
  };
}

/** What a template offers on one date. */
export interface DayPlan {
  closed: boolean;
  slots: TemplateSlot[];
  note?: string;
}

/** The date's override if there is one, else the weekly pattern; not a visiting weekday = closed. */
export function dayPlan(template: TemplateShape, date: string): DayPlan {
  const override = template.overrides.find((o) => o.date === date);
  if (override) {
    const slots = override.closed ? [] : (override.slots ?? []);
    return { closed: slots.length === 0, slots, ...(override.note ? { note: override.note } : {}) };
  }
  if (!template.weekdays.includes(weekdayOf(date))) return { closed: true, slots: [] };
  return { closed: template.slots.length === 0, slots: template.slots };
}

export function rulesView(rules: TemplateRules): BookingRulesView {
  return {
    bookingWindowDays: rules.bookingWindowDays,
    cancelCutoffMinutes: rules.cancelCutoffMinutes,
    maxIndividualParty: 1 + rules.maxCompanions,
    group: { ...rules.group },
  };
}

// ---- slot ids ---------------------------------------------------------------------------------------

/**
 * Deterministic slot id `<siteId>_<YYYYMMDD>_<HHMM>`: the same slot always has the same id, so lazy
 * materialisation is an idempotent upsert and the id needs no lookup to tell its site, date and time.
 */
export function slotIdOf(siteId: string, date: string, start: string): string {
  return `${siteId}_${date.replace(/-/g, '')}_${start.replace(':', '')}`;
}

const SLOT_ID_RE = /^([0-9a-f]{24})_(\d{4})(\d{2})(\d{2})_([0-2]\d)([0-5]\d)$/;

export interface SlotRef {
  siteId: string;
  date: string;
  start: string;
}

export function parseSlotId(id: string): SlotRef | null {
  const m = SLOT_ID_RE.exec(id);
  if (!m) return null;
  const date = `${m[2]}-${m[3]}-${m[4]}`;
  const start = `${m[5]}:${m[6]}`;
  if (!isValidDate(date) || Number(m[5]) > 23) return null;
  return { siteId: m[1]!, date, start };
}

// ---- stored slots and template changes ---------------------------------------------------------------

/** Seats and state of a materialised slot. */
export interface SlotSeats {
  capacity: number;
  remaining: number;
  open: boolean;
}

export function bookedSeatsOf(slot: Pick<SlotSeats, 'capacity' | 'remaining'>): number {
  return Math.max(0, slot.capacity - slot.remaining);
}

/**
 * Where a stored slot goes when it follows a (changed) template: booked seats are kept whatever
 * happens. A slot still in the template takes the new capacity but never less than it has booked; a
 * slot no longer in the template is withdrawn: it keeps exactly its booked seats and sells no more.
 */
export function followTemplate(stored: Pick<SlotSeats, 'capacity' | 'remaining'>, def: TemplateSlot | undefined): SlotSeats {
  const booked = bookedSeatsOf(stored);
  if (!def) return { capacity: booked, remaining: 0, open: false };
  const capacity = Math.max(def.capacity, booked);
  return { capacity, remaining: capacity - booked, open: true };
}

export interface StoredSlotRef {
  id: string;
  date: string;
  start: string;
  capacity: number;
  remaining: number;
}

export interface TemplateConflict {
  slotId: string;
  date: string;
  start: string;
  bookedSeats: number;
  /** Capacity the new template gives the slot (0 when it removes or closes it). */
  newCapacity: number;
}

/**
 * The materialised slots from `today` on that a new template would push below their booked seats
 * (less capacity, removed time, closed date). The template change is refused while any exist: a
 * change never strands a booking.
 */
export function templateConflicts(next: TemplateShape, stored: readonly StoredSlotRef[], today: string): TemplateConflict[] {
  const conflicts: TemplateConflict[] = [];
  for (const slot of stored) {
    if (slot.date < today) continue;
    const booked = bookedSeatsOf(slot);
    if (booked === 0) continue;
    const def = dayPlan(next, slot.date).slots.find((s) => s.start === slot.start);
    const newCapacity = def?.capacity ?? 0;
    if (booked > newCapacity) conflicts.push({ slotId: slot.id, date: slot.date, start: slot.start, bookedSeats: booked, newCapacity });
  }
  return conflicts.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

/** Shape problems of a template that zod cannot see: times in order, no overlaps, one override per date. */
export function templateProblems(template: TemplateShape): FieldIssue[] {
  const problems: FieldIssue[] = [];
  const checkSlots = (slots: readonly TemplateSlot[], path: string) => {
    const sorted = slots.map((s, i) => ({ ...s, i })).sort((a, b) => a.start.localeCompare(b.start));
    for (const [n, s] of sorted.entries()) {
      if (minutesOf(s.end) <= minutesOf(s.start)) problems.push({ path: `${path}.${s.i}.end`, message: '结束时间须晚于开始时间' });
      const next = sorted[n + 1];
      if (next && minutesOf(next.start) < minutesOf(s.end)) {
        problems.push({ path: `${path}.${next.i}.start`, message: `与 ${s.start}–${s.end} 时段重叠` });
      }
    }
  };
  checkSlots(template.slots, 'slots');
  if (new Set(template.weekdays).size !== template.weekdays.length) problems.push({ path: 'weekdays', message: '星期不能重复' });
  const seen = new Set<string>();
  for (const [i, o] of template.overrides.entries()) {
    if (seen.has(o.date)) problems.push({ path: `overrides.${i}.date`, message: '同一日期只能有一条特殊安排' });
    seen.add(o.date);
    if (o.closed && o.slots?.length) problems.push({ path: `overrides.${i}.slots`, message: '闭馆日不能设置时段' });
    if (!o.closed && !o.slots?.length) problems.push({ path: `overrides.${i}`, message: '请设置时段，或标记为闭馆' });
    if (o.slots) checkSlots(o.slots, `overrides.${i}.slots`);
  }
  return problems;
}

// ---- views -----------------------------------------------------------------------------------------

export interface StoredSlot extends SlotSeats {
  id: string;
  start: string;
  end: string;
  templateVersion: number;
}

/**
 * The slots of a date as callers see them: the template's slots (with the stored seats, brought up to
 * the current template when the stored slot still follows an older one; full capacity when never
 * materialised), plus, with `withdrawn`, stored slots the template dropped that still hold bookings.
 * A slot that has ended is shown closed.
 */
export function slotViews(
  siteId: string,
  date: string,
  plan: DayPlan,
  templateVersion: number,
  stored: readonly StoredSlot[],
  now: Date,
  withdrawn = false,
): SlotView[] {
  const byStart = new Map(stored.map((s) => [s.start, s]));
  const views: SlotView[] = [];
  const ended = (end: string) => now.getTime() >= shanghaiInstant(date, end).getTime();
  for (const def of plan.slots) {
    const doc = byStart.get(def.start);
    byStart.delete(def.start);
    const seats: SlotSeats = !doc
      ? { capacity: def.capacity, remaining: def.capacity, open: true }
      : doc.templateVersion >= templateVersion
        ? doc
        : followTemplate(doc, def);
    views.push({
      id: slotIdOf(siteId, date, def.start),
      start: def.start,
      end: def.end,
      capacity: seats.capacity,
      remaining: seats.remaining,
      open: seats.open && !ended(def.end),
    });
  }
  if (withdrawn) {
    for (const doc of byStart.values()) {
      if (bookedSeatsOf(doc) === 0) continue;
      views.push({ id: doc.id, start: doc.start, end: doc.end, capacity: doc.capacity, remaining: 0, open: false });
    }
  }
  return views.sort((a, b) => a.start.localeCompare(b.start));
}

/** Open, full or closed for a day whose slots are known; `unavailable` when it cannot be booked at all. */
export function dayStatus(plan: DayPlan, views: readonly SlotView[], bookable: boolean): DayStatus {
  if (!bookable) return 'unavailable';
  if (plan.closed || views.length === 0) return 'closed';
  const bookableViews = views.filter((v) => v.open !== false);
  if (bookableViews.length === 0) return 'unavailable';
  return bookableViews.some((v) => v.remaining > 0) ? 'open' : 'full';
}

// ---- booking rules ---------------------------------------------------------------------------------

/** The last date a kind of booking may be made for, counted from today. */
export function lastBookableDate(today: string, kind: BookingKind, rules: TemplateRules): string {
  return addDays(today, kind === 'group' ? rules.group.windowDays : rules.bookingWindowDays);
}

/** Why a slot cannot be booked now by this kind of booking, or null when it can. */
export function bookingTimingProblem(slot: { date: string; end: string }, kind: BookingKind, rules: TemplateRules, now: Date): string | null {
  const today = shanghaiDate(now);
  const ahead = daysBetween(today, slot.date);
  if (ahead < 0 || now.getTime() >= shanghaiInstant(slot.date, slot.end).getTime()) return '该时段已结束，无法预约';
  if (kind === 'group') {
    if (ahead < rules.group.minDaysAhead) return `团体预约须至少提前 ${rules.group.minDaysAhead} 天`;
    if (ahead > rules.group.windowDays) return `团体预约只能预约 ${rules.group.windowDays} 天以内的时段`;
    return null;
  }
  if (ahead > rules.bookingWindowDays) return `只能预约今天起 ${rules.bookingWindowDays} 天以内的时段`;
  return null;
}

/** Why a party size is not allowed for this kind of booking, or null. */
export function partyProblem(partySize: number, kind: BookingKind, rules: TemplateRules): string | null {
  if (kind === 'group') {
    return partySize > rules.group.maxPartySize ? `团体预约每次最多 ${rules.group.maxPartySize} 人` : null;
  }
  const max = 1 + rules.maxCompanions;
  if (partySize > max) {
    return `个人预约最多 ${max} 人（本人及 ${rules.maxCompanions} 名同行者）；人数更多请填写单位名称，以团体预约（须提前 ${rules.group.minDaysAhead} 天）`;
  }
  return null;
}

/** The owner may cancel until this instant (the slot's start less the site's cut-off). */
export function cancelDeadline(date: string, start: string, cutoffMinutes: number): Date {
  return new Date(shanghaiInstant(date, start).getTime() - cutoffMinutes * 60_000);
}

export function canCancelAt(status: BookingStatus, deadline: Date, now: Date): boolean {
  return status === 'booked' && now.getTime() < deadline.getTime();
}

// ---- idempotency and codes ----------------------------------------------------------------------------

export interface FingerprintInput {
  slotId: string;
  partySize: number;
  contactName: string;
  contactPhone: string;
  organization?: string;
}

/**
 * A keyed hash of what a booking request asked for: a replay with the same Idempotency-Key must ask
 * for the same thing. Keyed (HMAC) because the input holds the phone number.
 */
export function bookingFingerprint(input: FingerprintInput, key: Buffer): string {
  return requestFingerprint('booking', [input.slotId, input.partySize, input.contactName.trim(), input.contactPhone, input.organization?.trim() ?? ''], key);
}

/** Letters and digits that cannot be confused when read aloud or off a screen (no 0/O, 1/I). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A random booking code: 8 symbols of 32, 40 bits; uniqueness is enforced by an index. */
export function newBookingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** What staff typed or scanned, as a code: upper case, without spaces and dashes. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}
