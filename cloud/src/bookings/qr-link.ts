import { createHmac, timingSafeEqual } from 'node:crypto';

/** A voucher's QR link stays valid at least this long; expiries are rounded up so one booking keeps one URL a while. */
const TTL_SECONDS = 60 * 60;
const STEP_SECONDS = 10 * 60;

function signature(bookingId: string, exp: number, secret: Uint8Array): string {
  return createHmac('sha256', secret).update(`booking-qr:v1:${bookingId}:${exp}`).digest('base64url');
}

/**
 * A link to `GET /bookings/:id/qr.png` that the owner's `<image>` tag can load without an
 * Authorization header; given only to the booking's owner.
 */
export function signQrLink(basePath: string, bookingId: string, secret: Uint8Array, now: Date): string {
  const exp = Math.ceil((Math.floor(now.getTime() / 1000) + TTL_SECONDS) / STEP_SECONDS) * STEP_SECONDS;
  return `${basePath}/bookings/${bookingId}/qr.png?exp=${exp}&sig=${signature(bookingId, exp, secret)}`;
}

/** True when `sig` was made by signQrLink for this booking and `exp` has not passed. */
export function verifyQrLink(bookingId: string, exp: number, sig: string, secret: Uint8Array, now: Date): boolean {
  if (!Number.isSafeInteger(exp) || exp * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(signature(bookingId, exp, secret));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
