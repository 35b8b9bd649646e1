import type { Page } from './common.js';

/** Booked visits (预约祭扫): request and response shapes of API.md "Bookings", shared with the app. */

export const BOOKING_STATUSES = ['booked', 'checked_in', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** `group`: a school or organisation (carries `organization`), booked further ahead with a larger party. */
export type BookingKind = 'individual' | 'group';
/** `assisted`: made by staff for a caller without a smartphone (green channel, 绿色通道). */
export type BookingChannel = 'self' | 'assisted';

/** One slot of a day in a template: times are `HH:MM`, 24-hour, zero-padded, Asia/Shanghai. */
export interface TemplateSlot {
  start: string;
  end: string;
  capacity: number;
}

/** A date that differs from the weekly pattern: a Qingming peak (other slots) or a closure. */
export interface TemplateOverride {
  date: string;
  closed?: boolean;
  slots?: TemplateSlot[];
  note?: string;
}

export interface GroupRules {
  /** A group books at least this many days before the visit (cities ask 5+). */
  minDaysAhead: number;
  maxPartySize: number;
  /** How far ahead a group may book. */
  windowDays: number;
}

/** PUT /admin/sites/:id/slot-template */
export interface SlotTemplateInput {
  /** 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  slots: TemplateSlot[];
  overrides?: TemplateOverride[];
  /** Individuals book from today up to this many days ahead. Default 7. */
  bookingWindowDays?: number;
  /** Cancelling closes this many minutes before the slot starts. Default 60. */
  cancelCutoffMinutes?: number;
  /** Companions an individual may bring (party = 1 + companions). Default 4. */
  maxCompanions?: number;
  group?: Partial<GroupRules>;
}

export interface SlotTemplateView {
  siteId: string;
  weekdays: number[];
  slots: TemplateSlot[];
  overrides: TemplateOverride[];
  bookingWindowDays: number;
  cancelCutoffMinutes: number;
  maxCompanions: number;
  group: GroupRules;
  version: number;
  updatedAt: string;
}

/** One slot of one date. `id` is what POST /bookings takes as `slotId`. */
export interface SlotView {
  id: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  /** Present for a signed-in caller: whether they asked to be told when a seat frees up. */
  watching?: boolean;
  /** False when the slot can no longer be booked (it has ended, or was withdrawn with bookings in it). */
  open?: boolean;
}

/** `unavailable`: in the past or outside the booking window; `closed`: no visiting that day. */
export type DayStatus = 'open' | 'full' | 'closed' | 'unavailable';

/** GET /sites/:id/slots?date= */
export interface SlotList {
  date: string;
  status: DayStatus;
  items: SlotView[];
  note?: string;
  rules: BookingRulesView;
}

/** What the booking form needs to know about a site's rules. */
export interface BookingRulesView {
  bookingWindowDays: number;
  cancelCutoffMinutes: number;
  maxIndividualParty: number;
  group: GroupRules;
}

export interface CalendarDay {
  date: string;
  status: DayStatus;
  capacity: number;
  remaining: number;
}

/** GET /sites/:id/booking-calendar?from=&days= */
export interface BookingCalendar {
  siteId: string;
  items: CalendarDay[];
  rules: BookingRulesView;
}

/** POST /bookings (header Idempotency-Key) and POST /admin/bookings (assisted). */
export interface BookingCreate {
  slotId: string;
  partySize: number;
  contactName: string;
  contactPhone: string;
  organization?: string;
}

/** A booking as its owner and the site's staff see it. `contactPhone` is always masked. */
export interface BookingView {
  id: string;
  code: string;
  status: BookingStatus;
  slotId: string;
  siteId: string;
  siteName: string;
  date: string;
  start: string;
  end: string;
  partySize: number;
  contactName: string;
  /** Masked, e.g. 138****5678. */
  contactPhone: string;
  organization?: string;
  kind: BookingKind;
  channel: BookingChannel;
  createdAt: string;
  /** Until when the owner may cancel (ISO). */
  cancelDeadline: string;
  /** Whether the owner can cancel now. */
  canCancel: boolean;
  checkedInAt?: string;
  cancelledAt?: string;
  cancelReason?: string;
  /** For the owner only: a link to the voucher's QR image (the booking code) usable without a header. */
  qrUrl?: string;
}

export type BookingList = Page<BookingView>;

export interface BookingCancelled {
  id: string;
  status: 'cancelled';
}

/** POST /admin/bookings/check-in */
export interface CheckInResult {
  status: 'checked_in';
  booking: BookingView;
}

/** POST /slots/:id/watch and DELETE /slots/:id/watch */
export interface SlotWatchView {
  slotId: string;
  watching: boolean;
}

export interface DayViewSlot extends SlotView {
  bookedSeats: number;
  checkedInSeats: number;
  bookings: BookingView[];
}

/** GET /admin/sites/:id/bookings?date= — the staff's day sheet. */
export interface BookingDayView {
  siteId: string;
  siteName: string;
  date: string;
  slots: DayViewSlot[];
  totals: { bookings: number; bookedSeats: number; checkedInSeats: number; capacity: number; assisted: number; groups: number };
}

export interface SlotDrift {
  slotId: string;
  capacity: number;
  remaining: number;
  bookedSeats: number;
  expectedRemaining: number;
}

/** POST /admin/bookings/reconcile and `npm run reconcile`. */
export interface BookingReconcileReport {
  checked: number;
  drifted: SlotDrift[];
  /** How many drifted slots were repaired. */
  fixed: number;
  /** Slots skipped because seats moved in them too recently to tell drift from a booking in flight. */
  busy: number;
}
