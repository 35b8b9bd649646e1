import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signed links live at least this long (API.md: at least 10 minutes). */
export const SIGNED_URL_TTL_SECONDS = 60 * 60;
/** Expiries are rounded up to this step so that one file keeps one URL for a while (image caches hit). */
const EXPIRY_STEP_SECONDS = 10 * 60;

function signature(id: string, exp: number, secret: Uint8Array): string {
  return createHmac('sha256', secret).update(`file-url:v1:${id}:${exp}`).digest('base64url');
}

export interface SignedLink {
  url: string;
  /** Unix seconds. */
  exp: number;
}

/**
 * A link to `GET /files/:id` that works without an Authorization header (for `<image>` tags), valid for
 * between SIGNED_URL_TTL_SECONDS and that plus EXPIRY_STEP_SECONDS.
 */
export function signFileLink(basePath: string, id: string, secret: Uint8Array, now: Date): SignedLink {
  const earliest = Math.floor(now.getTime() / 1000) + SIGNED_URL_TTL_SECONDS;
  const exp = Math.ceil(earliest / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  return { url: `${basePath}/files/${id}?exp=${exp}&sig=${signature(id, exp, secret)}`, exp };
}

/** True when `sig` was made by signFileLink for this id and `exp` has not passed. */
export function verifyFileSignature(id: string, exp: number, sig: string, secret: Uint8Array, now: Date): boolean {
  if (!Number.isSafeInteger(exp) || exp * 1000 <= now.getTime()) return false;
  const expected = Buffer.from(signature(id, exp, secret));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
