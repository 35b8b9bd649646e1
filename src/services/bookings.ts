import type {
  BookingCalendar,
  BookingCancelled,
  BookingCreate,
  BookingDayView,
  BookingKind,
  BookingList,
  BookingView,
  CheckInResult,
  SlotList,
  SlotTemplateInput,
  SlotTemplateView,
  SlotWatchView,
} from '@/types/api';
import { ApiError, request } from './request';

const enc = encodeURIComponent;

// ---- citizens ----

/** GET /sites/:id/booking-calendar: open / full / closed / unavailable per day. */
export function getBookingCalendar(siteId: string, from: string, days: number, kind: BookingKind = 'individual'): Promise<BookingCalendar> {
  return request<BookingCalendar>(`/sites/${enc(siteId)}/booking-calendar`, { query: { from, days, kind } });
}

/** GET /sites/:id/slots?date=: the day's slots with remaining seats. */
export function getSlots(siteId: string, date: string, kind: BookingKind = 'individual'): Promise<SlotList> {
  return request<SlotList>(`/sites/${enc(siteId)}/slots`, { query: { date, kind } });
}

/**
 * POST /bookings. `idempotencyKey` stays the same when the same booking is sent again (a retry after a
 * lost answer), so the server records it once.
 */
export function createBooking(body: BookingCreate, idempotencyKey: string): Promise<BookingView> {
  return request<BookingView>('/bookings', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function listMyBookings(cursor?: string): Promise<BookingList> {
  return request<BookingList>('/bookings/mine', { query: { cursor } });
}

export function getBooking(id: string): Promise<BookingView> {
  return request<BookingView>(`/bookings/${enc(id)}`);
}

export function cancelBooking(id: string): Promise<BookingCancelled> {
  return request<BookingCancelled>(`/bookings/${enc(id)}/cancel`, { method: 'POST', body: {} });
}

/** "Tell me when a seat frees up" for a full slot. */
export function watchSlot(slotId: string): Promise<SlotWatchView> {
  return request<SlotWatchView>(`/slots/${enc(slotId)}/watch`, { method: 'POST', body: {} });
}

export function unwatchSlot(slotId: string): Promise<SlotWatchView> {
  return request<SlotWatchView>(`/slots/${enc(slotId)}/watch`, { method: 'DELETE' });
}

// ---- staff ----

/** GET /admin/sites/:id/slot-template; null when the site has no template yet (not bookable). */
export async function getSlotTemplate(siteId: string): Promise<SlotTemplateView | null> {
  try {
    return await request<SlotTemplateView>(`/admin/sites/${enc(siteId)}/slot-template`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** PUT /admin/sites/:id/slot-template (admins, the site's managers): replaces the template. */
export function putSlotTemplate(siteId: string, body: SlotTemplateInput): Promise<SlotTemplateView> {
  return request<SlotTemplateView>(`/admin/sites/${enc(siteId)}/slot-template`, { method: 'PUT', body });
}

/** POST /admin/bookings/check-in with a typed or scanned booking code. */
export function checkIn(code: string): Promise<CheckInResult> {
  return request<CheckInResult>('/admin/bookings/check-in', { method: 'POST', body: { code } });
}

/** GET /admin/sites/:id/bookings?date=: the day sheet. */
export function getDaySheet(siteId: string, date: string): Promise<BookingDayView> {
  return request<BookingDayView>(`/admin/sites/${enc(siteId)}/bookings`, { query: { date } });
}

/** POST /admin/bookings: green-channel booking for a caller without a smartphone. */
export function createAssistedBooking(body: BookingCreate, idempotencyKey: string): Promise<BookingView> {
  return request<BookingView>('/admin/bookings', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function staffCancelBooking(id: string, reason: string): Promise<BookingCancelled> {
  return request<BookingCancelled>(`/admin/bookings/${enc(id)}/cancel`, { method: 'POST', body: { reason } });
}
