import type {
  BookingCalendar,
  BookingDayView,
  BookingKind,
  BookingReconcileReport,
  CalendarDay,
  DayViewSlot,
  SlotDrift,
  SlotList,
  TemplateSlot,
} from '../contracts/bookings.js';
import type { AuditService } from '../audit/service.js';
import { AppError } from '../errors.js';
import { assertSiteAccess, canActOnSite, hasRole, MANAGER_ROLES, STAFF_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { NotificationService } from '../notifications/service.js';
import { replayOf } from '../shared/idempotency.js';
import { phoneLookupHash, protectPhone } from '../shared/phone.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit.js';
import type { Site } from '../sites/repository.js';
import type { SiteService } from '../sites/service.js';
import { addDays, shanghaiDate } from './dates.js';
import { signQrLink, verifyQrLink } from './qr-link.js';
import { BookingRepository, type Booking } from './repository.js';
import {
  bookingFingerprint,
  bookingTimingProblem,
  canCancelAt,
  cancelDeadline,
  dayPlan,
  dayStatus,
  followTemplate,
  lastBookableDate,
  newBookingCode,
  parseSlotId,
  partyProblem,
  rulesView,
  slotIdOf,
  slotViews,
  templateConflicts,
  templateContent,
  DEFAULT_RULES,
  type SlotTemplate,
} from './rules.js';
import type { BookingInput, SlotTemplateInput } from './schemas.js';
import { SlotRepository, type SlotRecord } from './slot-repository.js';
import { SlotTemplateRepository } from './template-repository.js';
import { WatcherRepository } from './watcher-repository.js';

export interface BookingDeps {
  limiter: RateLimiter;
  audit: AuditService;
  notifications: NotificationService;
  sites: SiteService;
  /** The API's base path (`/api/v1`), which voucher QR links start with. */
  basePath: string;
}

/** Booking attempts per user (API.md: at least 5 a minute must pass); stops scripts draining a slot. */
export const BOOKING_ATTEMPT_RULE: RateLimitRule = { name: 'booking-attempt', limit: 10, windowSeconds: 60, message: '预约操作过于频繁，请一分钟后再试' };
/** Cancels and seat watches per user. */
export const BOOKING_CHANGE_RULE: RateLimitRule = { name: 'booking-change', limit: 30, windowSeconds: 60, message: '操作过于频繁，请稍后再试' };
/** Green-channel bookings per staff member (a counter queue, not a script). */
export const ASSISTED_BOOKING_RULE: RateLimitRule = { name: 'booking-assisted', limit: 120, windowSeconds: 60, message: '代客预约过于频繁，请稍后再试' };

/** Pages of the app that notifications open. */
export const BOOKING_PAGES = {
  voucher: (id: string) => `/pages/booking-voucher/index?id=${id}`,
  book: (siteId: string, date: string) => `/pages/booking/index?siteId=${siteId}&date=${date}`,
} as const;

/** How long a slot must have been still before reconciliation may rewrite its seats (longer than any request lives). */
export const DEFAULT_QUIET_MS = 60_000;
const FOLLOW_ATTEMPTS = 20;
/** How long an instance reuses a site and its template when booking (milliseconds of wall time). */
export const BOOKING_CONTEXT_TTL_MS = 2000;
const MATERIALISED_MEMORY = 50_000;

const slotNotFound = () => new AppError('NOT_FOUND', '预约时段不存在');
const bookingNotFound = () => new AppError('NOT_FOUND', '预约不存在');

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path, message }] });
}

/** True when the template offers any slot at all (the site's `bookable` flag follows it). */
function offersSlots(t: Pick<SlotTemplate, 'weekdays' | 'slots' | 'overrides'>): boolean {
  return (t.weekdays.length > 0 && t.slots.length > 0) || t.overrides.some((o) => !o.closed && (o.slots?.length ?? 0) > 0);
}

/** The day sheet with the stored bookings (the route shapes them). */
export type DaySheet = Omit<BookingDayView, 'slots'> & { slots: Array<Omit<DayViewSlot, 'bookings'> & { bookings: Booking[] }> };

export interface BookResult {
  booking: Booking;
  /** True when the Idempotency-Key had already recorded this booking. */
  replayed: boolean;
}

/**
 * Booked visits (预约祭扫). Seats are sold by one atomic conditional update on the slot document
 * (`remaining ≥ n` → `remaining -= n`); the booking is then recorded under unique keys (Idempotency-Key
 * per caller; one active booking per owner, site and day). When the record cannot be written the
 * seats are given back, and when even that is impossible (database gone) reconciliation recomputes
 * every slot from its bookings. Nothing here needs a transaction (DESIGN.md section 3).
 */
export class BookingService {
  readonly templates: SlotTemplateRepository;
  readonly slots: SlotRepository;
  readonly bookings: BookingRepository;
  private readonly watchers: WatcherRepository;
  /** `<slotId>@<templateVersion>` of slots known to be stored and following that version. */
  private readonly materialised = new Set<string>();
  private readonly contexts = new Map<string, { at: number; value: { site: Site; template: SlotTemplate | null } }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: BookingDeps,
  ) {
    this.templates = new SlotTemplateRepository(ctx.db);
    this.slots = new SlotRepository(ctx.db);
    this.bookings = new BookingRepository(ctx.db);
    this.watchers = new WatcherRepository(ctx.db);
  }

  // ---- templates ----------------------------------------------------------------------------------

  async getTemplate(caller: Caller, siteId: string): Promise<SlotTemplate> {
    assertSiteAccess(caller, siteId, STAFF_ROLES);
    await this.deps.sites.getSite(siteId);
    const template = await this.templates.findBySite(siteId);
    if (!template) throw new AppError('NOT_FOUND', '该纪念设施尚未设置预约时段');
    return template;
  }

  /**
   * Replaces a site's template. Refused with 409 CONFLICT (nothing changed) when it would leave a
   * materialised slot from today on with fewer seats than it has booked, or remove or close a slot
   * that holds bookings: a change never strands a booking. Otherwise it applies from then on, to
   * slots not yet materialised when they are, and at once to stored future slots (booked seats kept).
   */
  async putTemplate(caller: Caller, siteId: string, input: SlotTemplateInput): Promise<SlotTemplate> {
    assertSiteAccess(caller, siteId, MANAGER_ROLES);
    const site = await this.deps.sites.getSite(siteId);
    const now = this.ctx.now();
    const today = shanghaiDate(now);
    const current = await this.templates.findBySite(siteId);
    const stored = await this.slots.listForRange(siteId, today);
    const conflicts = templateConflicts(input, stored, today);
    if (conflicts.length > 0) {
      const first = conflicts[0]!;
      throw new AppError(
        'CONFLICT',
        `${first.date} ${first.start} 时段已有 ${first.bookedSeats} 人预约，不能把名额减到 ${first.newCapacity}；请先处理这些预约（共 ${conflicts.length} 个时段）`,
        { details: { slots: conflicts.slice(0, 50) } },
      );
    }
    const saved = await this.templates.saveIfVersion(siteId, current?.version ?? 0, input, caller.id, now);
    if (!saved) throw new AppError('CONFLICT', '预约时段已被他人修改，请刷新后重试');
    this.contexts.delete(siteId);

    for (const slot of stored) {
      try {
        const before = slot.open ? slot.remaining : 0;
        const after = await this.follow(slot, saved);
        if (before === 0 && after.open && after.remaining > 0) await this.tellWatchers(after, site.name);
      } catch (error) {
        // The template is saved; a slot that could not follow now follows on its next read or booking.
        this.ctx.logger.warn({ slotId: slot.id, err: error }, 'slot did not follow the new template yet');
      }
    }
    await this.syncBookable(site, offersSlots(saved));
    await this.deps.audit.record({
      actor: caller,
      action: current ? 'booking.template.update' : 'booking.template.create',
      targetType: 'slot_template',
      targetId: siteId,
      siteId,
      before: current ? templateContent(current) : null,
      after: templateContent(saved),
    });
    return saved;
  }

  /** Keeps the site's `bookable` flag (shown on its page) in line with its template. */
  private async syncBookable(site: Site, bookable: boolean): Promise<void> {
    let current = site;
    for (let attempt = 0; attempt < 3 && current.bookable !== bookable; attempt++) {
      try {
        await this.deps.sites.updateSite(current.id, current.version, { bookable });
        return;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
        current = await this.deps.sites.getSite(site.id);
      }
    }
  }

  /**
   * Brings a stored slot up to the template (compare-and-set on its seats, retried when a booking
   * moves them meanwhile). Booked seats are always kept (rules.followTemplate).
   */
  private async follow(slot: SlotRecord, template: SlotTemplate): Promise<SlotRecord> {
    let current: SlotRecord | null = slot;
    for (let attempt = 0; current && attempt < FOLLOW_ATTEMPTS; attempt++) {
      if (current.templateVersion >= template.version) return current;
      const def = dayPlan(template, current.date).slots.find((s) => s.start === current!.start);
      const next = followTemplate(current, def);
      const end = def?.end ?? current.end;
      if (await this.slots.followIfUnchanged(current, { ...next, end }, template.version)) {
        return { ...current, ...next, end, templateVersion: template.version };
      }
      current = await this.slots.findById(current.id);
    }
    return current ?? slot;
  }

  // ---- what citizens see --------------------------------------------------------------------------

  /** GET /sites/:id/slots?date=: the date's slots with remaining seats (nothing is written). */
  async listSlots(siteId: string, date: string, kind: BookingKind, caller?: Caller): Promise<SlotList> {
    await this.deps.sites.getPublishedSite(siteId);
    const template = await this.templates.findBySite(siteId);
    const rules = rulesView(template ?? DEFAULT_RULES);
    if (!template) return { date, status: 'closed', items: [], rules };
    const now = this.ctx.now();
    const today = shanghaiDate(now);
    const plan = dayPlan(template, date);
    // Seats are shown as far ahead as anyone (a group) may book; the status says whether this kind may.
    const visible = date >= today && date <= lastBookableDate(today, 'group', template);
    const items = visible ? slotViews(siteId, date, plan, template.version, await this.slots.listForDate(siteId, date), now) : [];
    if (caller && items.length > 0) {
      const watched = await this.watchers.watchedBy(caller.id, items.map((i) => i.id));
      for (const item of items) item.watching = watched.has(item.id);
    }
    const range = bookableRange(today, kind, template);
    const status = dayStatus(plan, items, visible && date >= range.first && date <= range.last);
    return { date, status, items, ...(plan.note ? { note: plan.note } : {}), rules };
  }

  /** GET /sites/:id/booking-calendar: open / full / closed / unavailable for each day, with seat totals. */
  async calendar(siteId: string, from: string | undefined, days: number, kind: BookingKind): Promise<BookingCalendar> {
    await this.deps.sites.getPublishedSite(siteId);
    const template = await this.templates.findBySite(siteId);
    const now = this.ctx.now();
    const today = shanghaiDate(now);
    const start = from ?? today;
    const end = addDays(start, days - 1);
    const rules = rulesView(template ?? DEFAULT_RULES);
    if (!template) {
      const items: CalendarDay[] = [];
      for (let date = start; date <= end; date = addDays(date, 1)) items.push({ date, status: 'closed', capacity: 0, remaining: 0 });
      return { siteId, items, rules };
    }
    const byDate = new Map<string, SlotRecord[]>();
    for (const s of await this.slots.listForRange(siteId, start, end)) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
    const range = bookableRange(today, kind, template);
    const items: CalendarDay[] = [];
    for (let date = start; date <= end; date = addDays(date, 1)) {
      const plan = dayPlan(template, date);
      const views = slotViews(siteId, date, plan, template.version, byDate.get(date) ?? [], now);
      const open = views.filter((v) => v.open !== false);
      items.push({
        date,
        status: dayStatus(plan, views, date >= range.first && date <= range.last),
        capacity: open.reduce((n, v) => n + v.capacity, 0),
        remaining: open.reduce((n, v) => n + v.remaining, 0),
      });
    }
    return { siteId, items, rules };
  }

  // ---- booking ------------------------------------------------------------------------------------

  /**
   * POST /bookings (channel `self`) and POST /admin/bookings (channel `assisted`: staff for a caller
   * without a smartphone; the one-per-day rule then follows the contact phone).
   */
  async book(caller: Caller, idempotencyKey: string, input: BookingInput, channel: 'self' | 'assisted'): Promise<BookResult> {
    await this.deps.limiter.hit(channel === 'self' ? BOOKING_ATTEMPT_RULE : ASSISTED_BOOKING_RULE, caller.id);
    const fingerprint = bookingFingerprint(input, this.ctx.config.phoneKey);
    const ref = parseSlotId(input.slotId);
    const ownerKey = channel === 'self' ? `user:${caller.id}` : `phone:${phoneLookupHash(input.contactPhone, this.ctx.config.phoneKey)}`;
    // "Replayed Idempotency-Key?" and "already booked that day?", both before taking seats, so that a
    // second try does not churn the slot's counter.
    const prior = await this.bookings.findPrior(caller.id, idempotencyKey, ref ? { ownerKey, siteId: ref.siteId, date: ref.date } : undefined);
    if (prior.earlier) return this.replay(prior.earlier, fingerprint);
    if (!ref) throw slotNotFound();

    const { site, template } = await this.bookingContext(ref.siteId);
    if (channel === 'assisted') assertSiteAccess(caller, site.id, STAFF_ROLES);
    if (!template) throw new AppError('NOT_FOUND', '该纪念设施暂未开放预约');
    const def = dayPlan(template, ref.date).slots.find((s) => s.start === ref.start);
    if (!def) throw slotNotFound();

    const kind: BookingKind = input.organization ? 'group' : 'individual';
    const now = this.ctx.now();
    const partyIssue = partyProblem(input.partySize, kind, template);
    if (partyIssue) throw invalid('partySize', partyIssue);
    const timingIssue = bookingTimingProblem({ date: ref.date, end: def.end }, kind, template, now);
    if (timingIssue) throw invalid('slotId', timingIssue);

    if (prior.active) throw alreadyBooked(prior.active);

    const slotId = await this.materialise(site.id, ref.date, def, template);
    const taken = await this.slots.takeSeats(slotId, input.partySize, now);
    if (!taken) throw new AppError('SLOT_FULL', '该时段名额已满，请选择其他时段', { details: { slotId } });
    const booking = await this.record(caller, idempotencyKey, input, { site, slot: taken, kind, channel, ownerKey, fingerprint, template, now });
    if ('replayOf' in booking) return this.replay(booking.replayOf, fingerprint);
    if (channel === 'assisted') {
      await this.deps.audit.record({
        actor: caller,
        action: 'booking.assisted_create',
        targetType: 'booking',
        targetId: booking.id,
        siteId: site.id,
        note: `绿色通道代客预约 ${booking.date} ${booking.start}，${booking.partySize} 人`,
      });
    }
    return { booking, replayed: false };
  }

  private replay(earlier: Booking, fingerprint: string): BookResult {
    const { value, replayed } = replayOf(earlier, fingerprint, {
      message: '该 Idempotency-Key 已用于另一份预约请求，请为新的预约使用新的 Key',
      details: { bookingId: earlier.id },
    });
    return { booking: value, replayed };
  }

  /**
   * Makes sure the slot's document exists (created from the template the first time it is booked) and
   * follows the template's version; returns its id. Known slots skip the round trip: in a burst every
   * request but the first goes straight to taking seats.
   */
  private async materialise(siteId: string, date: string, def: TemplateSlot, template: SlotTemplate): Promise<string> {
    const id = slotIdOf(siteId, date, def.start);
    const known = `${id}@${template.version}`;
    if (this.materialised.has(known)) return id;
    const slot = await this.slots.materialise(
      { id, siteId, date, start: def.start, end: def.end, capacity: def.capacity, templateVersion: template.version },
      this.ctx.now(),
    );
    const current = slot.templateVersion < template.version ? await this.follow(slot, template) : slot;
    if (current.templateVersion >= template.version) {
      if (this.materialised.size >= MATERIALISED_MEMORY) this.materialised.clear();
      this.materialised.add(known);
    }
    return id;
  }

  /**
   * The site and its template for booking, read at most every BOOKING_CONTEXT_TTL_MS per instance: a
   * Qingming burst reads them once, not once per request. A template saved through this instance is
   * seen at once; one saved elsewhere within the TTL (stored slots still follow it, see follow()).
   */
  private async bookingContext(siteId: string): Promise<{ site: Site; template: SlotTemplate | null }> {
    const cached = this.contexts.get(siteId);
    if (cached && performance.now() - cached.at < BOOKING_CONTEXT_TTL_MS) return cached.value;
    const site = await this.deps.sites.getPublishedSite(siteId);
    const template = await this.templates.findBySite(siteId);
    const value = { site, template };
    if (this.contexts.size >= 1000) this.contexts.clear();
    this.contexts.set(siteId, { at: performance.now(), value });
    return value;
  }

  /**
   * Records the booking whose seats were just taken. A unique-key collision wrote nothing, so the seats
   * go straight back; any other failure (database gone) may or may not have written the booking, so
   * the seats go back only once the booking is known to be absent; otherwise reconciliation returns them.
   */
  private async record(
    caller: Caller,
    idempotencyKey: string,
    input: BookingInput,
    c: { site: Site; slot: SlotRecord; kind: BookingKind; channel: 'self' | 'assisted'; ownerKey: string; fingerprint: string; template: SlotTemplate; now: Date },
  ): Promise<Booking | { replayOf: Booking }> {
    const id = this.bookings.newId();
    const base = {
      id,
      idempotencyKey,
      ownerKey: c.ownerKey,
      ...(c.channel === 'self' ? { userId: caller.id } : {}),
      siteId: c.site.id,
      siteName: c.site.name,
      slotId: c.slot.id,
      date: c.slot.date,
      start: c.slot.start,
      end: c.slot.end,
      partySize: input.partySize,
      contactName: input.contactName,
      contactPhone: protectPhone(input.contactPhone, this.ctx.config.phoneKey),
      ...(input.organization ? { organization: input.organization } : {}),
      kind: c.kind,
      channel: c.channel,
      fingerprint: c.fingerprint,
      cancelDeadline: cancelDeadline(c.slot.date, c.slot.start, c.template.cancelCutoffMinutes),
      createdAt: c.now,
      createdBy: { id: caller.id, kind: caller.kind, ...(caller.username ? { name: caller.username } : {}) },
    };
    for (let attempt = 0; ; attempt++) {
      let result: Awaited<ReturnType<BookingRepository['insert']>>;
      try {
        result = await this.bookings.insert({ ...base, code: newBookingCode() }, c.now);
      } catch (error) {
        const written = await this.releaseUnrecorded(id, c.slot.id, input.partySize);
        if (written) return written;
        throw error;
      }
      if ('booking' in result) return result.booking;
      if (result.duplicate === 'code' && attempt < 5) continue;
      await this.slots.giveBackSeats(c.slot.id, input.partySize, this.ctx.now());
      if (result.duplicate === 'idempotency') {
        const earlier = await this.bookings.findByIdempotencyKey(caller.id, idempotencyKey);
        if (earlier) return { replayOf: earlier };
      }
      if (result.duplicate === 'active') {
        const active = await this.bookings.findActive(c.ownerKey, c.site.id, c.slot.date);
        throw alreadyBooked(active);
      }
      throw new AppError('CONFLICT', '预约未能记录，请重试');
    }
  }

  /** After a failed insert: the booking if it was written after all, else null once its seats are given back. */
  private async releaseUnrecorded(bookingId: string, slotId: string, seats: number): Promise<Booking | null> {
    try {
      const written = await this.bookings.findById(bookingId);
      if (written) return written;
      await this.slots.giveBackSeats(slotId, seats, this.ctx.now());
    } catch (error) {
      this.ctx.logger.warn({ slotId, seats, err: error }, 'seats of an unrecorded booking not returned yet; reconciliation returns them');
    }
    return null;
  }

  // ---- reading ------------------------------------------------------------------------------------

  async mine(caller: Caller, beforeId: string | undefined, limit: number): Promise<Booking[]> {
    return this.bookings.listByUser(caller.id, beforeId, limit);
  }

  /** A booking for its owner or the staff of its site; 404 for other citizens, 403 for other sites' staff. */
  async get(caller: Caller, id: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw bookingNotFound();
    if (booking.userId === caller.id) return booking;
    this.assertStaffOf(caller, booking);
    return booking;
  }

  /** The owner's own booking (the voucher, cancelling); 403 for the site's staff, 404 for anyone else. */
  async getOwn(caller: Caller, id: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw bookingNotFound();
    if (booking.userId !== caller.id) {
      if (canActOnSite(caller, booking.siteId, STAFF_ROLES)) throw new AppError('FORBIDDEN', '只有预约人可以进行此操作');
      throw bookingNotFound();
    }
    return booking;
  }

  /** 404 for an unknown booking, 403 unless the caller is staff of its site (before a body is read). */
  async assertStaffOfBooking(caller: Caller, id: string): Promise<void> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw bookingNotFound();
    this.assertStaffOf(caller, booking);
  }

  private assertStaffOf(caller: Caller, booking: Booking): void {
    if (canActOnSite(caller, booking.siteId, STAFF_ROLES)) return;
    if (hasRole(caller, STAFF_ROLES)) throw new AppError('FORBIDDEN', '无权查看该纪念设施的预约');
    throw bookingNotFound();
  }

  /** A link to the voucher's QR image that works without a header (for the owner's `<image>`). */
  qrLink(booking: Booking): string {
    return signQrLink(this.deps.basePath, booking.id, this.ctx.config.jwtSecret, this.ctx.now());
  }

  /** The booking whose QR a signed link (from qrLink) asks for; 404 when the link is not valid. */
  async getBySignedLink(id: string, exp: number, sig: string): Promise<Booking> {
    if (!verifyQrLink(id, exp, sig, this.ctx.config.jwtSecret, this.ctx.now())) throw bookingNotFound();
    const booking = await this.bookings.findById(id);
    if (!booking) throw bookingNotFound();
    return booking;
  }

  // ---- cancelling ---------------------------------------------------------------------------------

  /** The owner cancels before the cut-off; the seats go back on sale at once. Cancelling twice is harmless. */
  async cancel(caller: Caller, id: string): Promise<Booking> {
    await this.deps.limiter.hit(BOOKING_CHANGE_RULE, caller.id);
    const booking = await this.getOwn(caller, id);
    if (booking.status === 'cancelled') return booking;
    if (booking.status === 'checked_in') throw new AppError('CONFLICT', '已核验入场的预约不能取消');
    const now = this.ctx.now();
    if (!canCancelAt(booking.status, booking.cancelDeadline, now)) {
      throw new AppError('CONFLICT', `已过取消截止时间（${formatShanghai(booking.cancelDeadline)}），如不能前往请联系纪念设施`);
    }
    return this.release(booking, { id: caller.id, kind: caller.kind }, undefined);
  }

  /** Staff cancel a booking of their site (no cut-off), e.g. for a green-channel caller or a closure; the owner is told. */
  async staffCancel(caller: Caller, id: string, reason: string): Promise<Booking> {
    const booking = await this.bookings.findById(id);
    if (!booking) throw bookingNotFound();
    this.assertStaffOf(caller, booking);
    if (booking.status === 'checked_in') throw new AppError('CONFLICT', '已核验入场的预约不能取消');
    if (booking.status === 'cancelled') throw new AppError('CONFLICT', '该预约已取消');
    const cancelled = await this.release(booking, { id: caller.id, kind: 'staff', ...(caller.username ? { name: caller.username } : {}) }, reason);
    await this.deps.audit.record({
      actor: caller,
      action: 'booking.staff_cancel',
      targetType: 'booking',
      targetId: booking.id,
      siteId: booking.siteId,
      before: { status: booking.status },
      after: { status: cancelled.status },
      note: reason,
    });
    if (booking.userId) {
      await this.deps.notifications.notify({
        userId: booking.userId,
        template: 'booking_cancelled',
        title: '您的预约已被取消',
        body: `${booking.siteName} ${booking.date} ${booking.start} 的预约已由纪念设施取消：${reason}`,
        page: BOOKING_PAGES.voucher(booking.id),
        data: { bookingId: booking.id },
        dedupeKey: `booking:${booking.id}:staff-cancelled`,
      });
    }
    return cancelled;
  }

  /**
   * Cancels and returns the seats: the slot is stamped first (so reconciliation leaves it alone while
   * the seats are in between), the booking moves by one conditional update, then the seats go back
   * and whoever waits on the slot is told.
   */
  private async release(booking: Booking, by: NonNullable<Booking['cancelledBy']>, reason: string | undefined): Promise<Booking> {
    const now = this.ctx.now();
    await this.slots.touch(booking.slotId, now);
    const cancelled = await this.bookings.cancelIfBooked(booking.id, { at: now, by, ...(reason ? { reason } : {}) });
    if (!cancelled) {
      const latest = await this.bookings.findById(booking.id);
      if (latest?.status === 'cancelled') return latest;
      throw new AppError('CONFLICT', '预约状态已变化，请刷新后重试');
    }
    const slot = await this.slots.giveBackSeats(booking.slotId, booking.partySize, this.ctx.now());
    if (slot) {
      try {
        await this.tellWatchers(slot, booking.siteName);
      } catch (error) {
        this.ctx.logger.warn({ slotId: slot.id, err: error }, 'could not tell slot watchers about freed seats');
      }
    }
    return cancelled;
  }

  // ---- "tell me when a seat frees up" -------------------------------------------------------------

  /** Asks to be told when the (full) slot has a seat again: a notification, not a queue to game. */
  async watch(caller: Caller, slotId: string): Promise<void> {
    await this.deps.limiter.hit(BOOKING_CHANGE_RULE, caller.id);
    const ref = parseSlotId(slotId);
    if (!ref) throw slotNotFound();
    await this.deps.sites.getPublishedSite(ref.siteId);
    const template = await this.templates.findBySite(ref.siteId);
    const def = template ? dayPlan(template, ref.date).slots.find((s) => s.start === ref.start) : undefined;
    if (!template || !def) throw slotNotFound();
    const now = this.ctx.now();
    const view = slotViews(ref.siteId, ref.date, { closed: false, slots: [def] }, template.version, await this.slots.listForDate(ref.siteId, ref.date), now)[0]!;
    if (view.open === false) throw new AppError('CONFLICT', '该时段已结束或停止预约');
    if (view.remaining > 0) throw new AppError('CONFLICT', `该时段尚有 ${view.remaining} 个名额，可直接预约`, { details: { remaining: view.remaining } });
    await this.watchers.watch(slotId, caller.id, now);
  }

  async unwatch(caller: Caller, slotId: string): Promise<void> {
    if (!parseSlotId(slotId)) throw slotNotFound();
    await this.watchers.unwatch(slotId, caller.id);
  }

  /** Tells every waiting user once that seats are free again (notification outbox, deduplicated per round). */
  private async tellWatchers(slot: SlotRecord, siteName: string): Promise<number> {
    if (!slot.open || slot.remaining <= 0) return 0;
    let told = 0;
    for (const w of await this.watchers.pending(slot.id)) {
      if (!(await this.watchers.claim(w, this.ctx.now()))) continue;
      await this.deps.notifications.notify({
        userId: w.userId,
        template: 'seat_available',
        title: '预约时段有空位了',
        body: `${siteName} ${slot.date} ${slot.start}–${slot.end} 有名额释放，先到先得。`,
        page: BOOKING_PAGES.book(slot.siteId, slot.date),
        data: { slotId: slot.id, siteId: slot.siteId, date: slot.date },
        dedupeKey: `seat:${slot.id}:${w.userId}:${w.round}`,
      });
      told++;
    }
    return told;
  }

  // ---- staff --------------------------------------------------------------------------------------

  /** Checks a visitor in by the booking code (typed or scanned) on the day of the visit; twice → 409. */
  async checkIn(caller: Caller, code: string): Promise<Booking> {
    if (!hasRole(caller, STAFF_ROLES)) throw new AppError('FORBIDDEN', '只有工作人员可以核验预约');
    const booking = await this.bookings.findByCode(code);
    if (!booking) throw new AppError('NOT_FOUND', '预约码不存在，请核对后重试');
    assertSiteAccess(caller, booking.siteId, STAFF_ROLES);
    const now = this.ctx.now();
    if (booking.status === 'checked_in') {
      throw new AppError('CONFLICT', `该预约已于 ${formatShanghai(booking.checkedInAt!)} 核验入场`, { details: { status: booking.status, checkedInAt: booking.checkedInAt!.toISOString() } });
    }
    if (booking.status === 'cancelled') throw new AppError('CONFLICT', '该预约已取消', { details: { status: booking.status } });
    const today = shanghaiDate(now);
    if (booking.date !== today) {
      throw new AppError('CONFLICT', `该预约的参观日期是 ${booking.date}，不是今天`, { details: { status: booking.status, date: booking.date } });
    }
    const done = await this.bookings.checkInIfBooked(booking.id, now, { id: caller.id, ...(caller.username ? { name: caller.username } : {}) });
    if (!done) {
      const latest = await this.bookings.findById(booking.id);
      throw new AppError('CONFLICT', latest?.status === 'checked_in' ? '该预约已核验入场' : '该预约已取消', { details: { status: latest?.status } });
    }
    await this.deps.audit.record({ actor: caller, action: 'booking.check_in', targetType: 'booking', targetId: booking.id, siteId: booking.siteId, note: `${booking.code}，${booking.partySize} 人` });
    return done;
  }

  /** The staff's day sheet: every slot of the date with its bookings and headcounts. */
  async dayView(caller: Caller, siteId: string, date: string): Promise<DaySheet> {
    assertSiteAccess(caller, siteId, STAFF_ROLES);
    const site = await this.deps.sites.getSite(siteId);
    const template = await this.templates.findBySite(siteId);
    const stored = await this.slots.listForDate(siteId, date);
    const bookings = await this.bookings.listForSiteDate(siteId, date);
    const now = this.ctx.now();
    const plan = template ? dayPlan(template, date) : { closed: true, slots: [] };
    const views = slotViews(siteId, date, plan, template?.version ?? 0, stored, now, true);
    const known = new Set(views.map((v) => v.id));
    // Bookings of a slot the template no longer has and whose seats were all released still belong on the sheet.
    for (const b of bookings) {
      if (!known.has(b.slotId)) {
        views.push({ id: b.slotId, start: b.start, end: b.end, capacity: 0, remaining: 0, open: false });
        known.add(b.slotId);
      }
    }
    views.sort((a, b) => a.start.localeCompare(b.start));
    const slots = views.map((v) => {
      const list = bookings.filter((b) => b.slotId === v.id);
      const active = list.filter((b) => b.status !== 'cancelled');
      return {
        ...v,
        bookedSeats: active.reduce((n, b) => n + b.partySize, 0),
        checkedInSeats: list.filter((b) => b.status === 'checked_in').reduce((n, b) => n + b.partySize, 0),
        bookings: list,
      };
    });
    const active = bookings.filter((b) => b.status !== 'cancelled');
    return {
      siteId,
      siteName: site.name,
      date,
      slots,
      totals: {
        bookings: active.length,
        bookedSeats: active.reduce((n, b) => n + b.partySize, 0),
        checkedInSeats: slots.reduce((n, s) => n + s.checkedInSeats, 0),
        capacity: slots.reduce((n, s) => n + s.capacity, 0),
        assisted: active.filter((b) => b.channel === 'assisted').length,
        groups: active.filter((b) => b.kind === 'group').length,
      },
    };
  }

  // ---- reconciliation -----------------------------------------------------------------------------

  /**
   * Recomputes every stored slot's remaining seats from its active bookings (capacity − booked seats)
   * and reports the slots that drifted (seats taken for a booking that was never recorded, seats of a
   * cancel not returned because the database went away). With `fix`, a drifted slot is repaired only
   * when no seat has moved in it for `quietMs` (so no booking is in flight between taking its seats
   * and being recorded) and by compare-and-set, so a booking arriving meanwhile is never overwritten.
   */
  async reconcile(options: { siteId?: string; fix?: boolean; quietMs?: number; actor?: Caller } = {}): Promise<BookingReconcileReport> {
    const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
    const seatsBySlot = await this.bookings.activeSeatsBySlot(options.siteId ? { siteId: options.siteId } : {});
    const drifted: SlotDrift[] = [];
    let checked = 0;
    let fixed = 0;
    let busy = 0;
    for await (const slot of this.slots.all(options.siteId)) {
      checked++;
      let seats = seatsBySlot.get(slot.id) ?? 0;
      if (slot.capacity - seats === slot.remaining) continue;
      if (this.ctx.now().getTime() - slot.changedAt.getTime() < quietMs) {
        busy++;
        continue;
      }
      // Count again now that the slot is known to be quiet: the first count may predate a booking.
      seats = (await this.bookings.activeSeatsBySlot({ slotId: slot.id })).get(slot.id) ?? 0;
      const expected = Math.max(0, slot.capacity - seats);
      if (expected === slot.remaining) continue;
      drifted.push({ slotId: slot.id, capacity: slot.capacity, remaining: slot.remaining, bookedSeats: seats, expectedRemaining: expected });
      if (options.fix && (await this.slots.setRemainingIfQuiet(slot, expected))) {
        fixed++;
        this.ctx.logger.warn({ slotId: slot.id, remaining: slot.remaining, expected, bookedSeats: seats }, 'booking slot drift repaired');
      }
    }
    if (options.actor && fixed > 0) {
      await this.deps.audit.record({
        actor: options.actor,
        action: 'booking.reconcile',
        targetType: 'booking_slots',
        targetId: options.siteId ?? 'all',
        ...(options.siteId ? { siteId: options.siteId } : {}),
        note: `修复 ${fixed} 个时段的余量`,
      });
    }
    return { checked, drifted, fixed, busy };
  }
}

/** The first and last dates this kind of booking may be made for today. */
function bookableRange(today: string, kind: BookingKind, template: SlotTemplate): { first: string; last: string } {
  return { first: kind === 'group' ? addDays(today, template.group.minDaysAhead) : today, last: lastBookableDate(today, kind, template) };
}

function alreadyBooked(active: Booking | null): AppError {
  return new AppError('ALREADY_BOOKED', '您当天在该纪念设施已有预约，如需更改请先取消原预约', {
    details: active ? { bookingId: active.id, date: active.date, start: active.start } : undefined,
  });
}



/** `2025-04-04 08:00` in Asia/Shanghai. */
export function formatShanghai(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

