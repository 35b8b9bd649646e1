import { Router } from 'express';
import QRCode from 'qrcode';
import type {
  BookingCancelled,
  BookingDayView,
  BookingList,
  BookingView,
  CheckInResult,
  SlotTemplateView,
  SlotWatchView,
} from '../contracts/bookings.js';
import { assertCaller, assertSiteAccess, MANAGER_ROLES, requireRole, STAFF_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import { requiredIdempotencyKey, sendIdempotent } from '../shared/idempotency.js';
import type { Booking } from './repository.js';
import { canCancelAt, templateContent, type SlotTemplate } from './rules.js';
import {
  BookingBody,
  CalendarQuery,
  CheckInBody,
  DayQuery,
  IdParam,
  MineQuery,
  QrQuery,
  ReconcileBody,
  SiteIdParam,
  SlotsQuery,
  SlotTemplateBody,
  StaffCancelBody,
} from './schemas.js';
import type { BookingService } from './service.js';

/** The API shape of a booking; the phone only ever leaves masked. */
export function toBookingView(b: Booking, now: Date, qrUrl?: string): BookingView {
  return {
    ...(qrUrl ? { qrUrl } : {}),
    id: b.id,
    code: b.code,
    status: b.status,
    slotId: b.slotId,
    siteId: b.siteId,
    siteName: b.siteName,
    date: b.date,
    start: b.start,
    end: b.end,
    partySize: b.partySize,
    contactName: b.contactName,
    contactPhone: b.contactPhone.masked,
    ...(b.organization ? { organization: b.organization } : {}),
    kind: b.kind,
    channel: b.channel,
    createdAt: b.createdAt.toISOString(),
    cancelDeadline: b.cancelDeadline.toISOString(),
    canCancel: canCancelAt(b.status, b.cancelDeadline, now),
    ...(b.checkedInAt ? { checkedInAt: b.checkedInAt.toISOString() } : {}),
    ...(b.cancelledAt ? { cancelledAt: b.cancelledAt.toISOString() } : {}),
    ...(b.cancelReason ? { cancelReason: b.cancelReason } : {}),
  };
}

export function toTemplateView(t: SlotTemplate): SlotTemplateView {
  return { siteId: t.siteId, ...templateContent(t), version: t.version, updatedAt: t.updatedAt.toISOString() };
}

/** A PNG of the booking code for the voucher: staff scan it (Taro.scanCode) to check the visitor in. */
export function bookingQrPng(code: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
}

/** Booked visits: slots, bookings, vouchers, seat watches, and the staff's check-in, day sheet and green channel. */
export function bookingsRouter(bookings: BookingService, now: () => Date): Router {
  const router = Router();
  const staffOnly = requireRole(...STAFF_ROLES);

  // ---- public ----
  router.get('/sites/:id/slots', async (req, res) => {
    const { id } = parse(SiteIdParam, req.params);
    const { date, kind } = parse(SlotsQuery, req.query);
    res.json(await bookings.listSlots(id, date, kind, req.caller));
  });

  router.get('/sites/:id/booking-calendar', async (req, res) => {
    const { id } = parse(SiteIdParam, req.params);
    const { from, days, kind } = parse(CalendarQuery, req.query);
    res.json(await bookings.calendar(id, from, days, kind));
  });

  // ---- citizens ----
  router.post('/bookings', async (req, res) => {
    const caller = assertCaller(req);
    const key = requiredIdempotencyKey(req);
    const input = parse(BookingBody, req.body);
    const { booking, replayed } = await bookings.book(caller, key, input, 'self');
    sendIdempotent(res, replayed, toBookingView(booking, now(), bookings.qrLink(booking)));
  });

  router.get('/bookings/mine', async (req, res) => {
    const caller = assertCaller(req);
    const { cursor, limit } = parse(MineQuery, req.query);
    const items = await bookings.mine(caller, cursor, limit);
    const at = now();
    const body: BookingList = { items: items.map((b) => toBookingView(b, at, bookings.qrLink(b))) };
    if (items.length === limit) body.nextCursor = items.at(-1)!.id;
    res.json(body);
  });

  router.get('/bookings/:id', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    const booking = await bookings.get(caller, id);
    res.json(toBookingView(booking, now(), booking.userId === caller.id ? bookings.qrLink(booking) : undefined));
  });

  router.get('/bookings/:id/qr.png', async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const { size, exp, sig } = parse(QrQuery, req.query);
    // The owner signed in, or the signed link the owner's voucher carries (an <image> sends no header).
    const booking = exp !== undefined && sig !== undefined && !req.caller ? await bookings.getBySignedLink(id, exp, sig) : await bookings.getOwn(assertCaller(req), id);
    res.set('Cache-Control', 'private, max-age=600');
    res.set('Content-Type', 'image/png');
    res.send(await bookingQrPng(booking.code, size));
  });

  router.post('/bookings/:id/cancel', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    const cancelled = await bookings.cancel(caller, id);
    const body: BookingCancelled = { id: cancelled.id, status: 'cancelled' };
    res.json(body);
  });

  router.post('/slots/:id/watch', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    await bookings.watch(caller, id);
    const body: SlotWatchView = { slotId: id, watching: true };
    res.status(201).json(body);
  });

  router.delete('/slots/:id/watch', async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    await bookings.unwatch(caller, id);
    const body: SlotWatchView = { slotId: id, watching: false };
    res.json(body);
  });

  // ---- staff and managers ----
  router.get('/admin/sites/:id/slot-template', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SiteIdParam, req.params);
    res.json(toTemplateView(await bookings.getTemplate(caller, id)));
  });

  router.put('/admin/sites/:id/slot-template', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SiteIdParam, req.params);
    assertSiteAccess(caller, id, MANAGER_ROLES);
    const input = parse(SlotTemplateBody, req.body);
    res.json(toTemplateView(await bookings.putTemplate(caller, id, input)));
  });

  router.get('/admin/sites/:id/bookings', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(SiteIdParam, req.params);
    const { date } = parse(DayQuery, req.query);
    const view = await bookings.dayView(caller, id, date);
    const at = now();
    const body: BookingDayView = { ...view, slots: view.slots.map((s) => ({ ...s, bookings: s.bookings.map((b) => toBookingView(b, at)) })) };
    res.json(body);
  });

  router.post('/admin/bookings', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const key = requiredIdempotencyKey(req);
    const input = parse(BookingBody, req.body);
    const { booking, replayed } = await bookings.book(caller, key, input, 'assisted');
    sendIdempotent(res, replayed, toBookingView(booking, now()));
  });

  router.post('/admin/bookings/check-in', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { code } = parse(CheckInBody, req.body);
    const booking = await bookings.checkIn(caller, code);
    const body: CheckInResult = { status: 'checked_in', booking: toBookingView(booking, now()) };
    res.json(body);
  });

  router.post('/admin/bookings/reconcile', requireRole('admin'), async (req, res) => {
    const caller = assertCaller(req);
    const { siteId, fix } = parse(ReconcileBody, req.body ?? {});
    res.json(await bookings.reconcile({ siteId, fix, actor: caller }));
  });

  router.post('/admin/bookings/:id/cancel', staffOnly, async (req, res) => {
    const caller = assertCaller(req);
    const { id } = parse(IdParam, req.params);
    await bookings.assertStaffOfBooking(caller, id);
    const { reason } = parse(StaffCancelBody, req.body ?? {});
    const cancelled = await bookings.staffCancel(caller, id, reason);
    const body: BookingCancelled = { id: cancelled.id, status: 'cancelled' };
    res.json(body);
  });

  return router;
}
