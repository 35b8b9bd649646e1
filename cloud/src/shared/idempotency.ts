/**
 * Idempotency-Key for writes a phone may send twice (a retry after a timeout or a 503 on weak signal).
 * One mechanism for every domain that offers it (bookings, tributes):
 * - the record carries `idemKey = <caller>|<Idempotency-Key>` under a unique index, so one key of one
 *   caller records one thing however many copies race (keys are per caller: another user's equal key
 *   is a different key);
 * - a keyed hash of the request (`requestFingerprint`) is stored with it; the same key with the same
 *   request answers the first record again (200, `Idempotent-Replayed: true`; the first answer is 201),
 *   the same key with a different request is 409 CONFLICT naming the earlier record.
 */
import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parse } from '../http/validate.js';

/** `Idempotency-Key`: a client-made unique string (a UUID is typical). */
export const IdempotencyKey = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .min(8, 'Idempotency-Key 至少 8 个字符')
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Idempotency-Key 只能包含字母、数字和 _.:-');

/** The request's Idempotency-Key header; a missing one is 400 VALIDATION_FAILED. */
export function requiredIdempotencyKey(req: Request): string {
  return parse(IdempotencyKey, req.get('idempotency-key'), 'Idempotency-Key');
}

/** The request's Idempotency-Key header if sent (a malformed one is still 400). */
export function optionalIdempotencyKey(req: Request): string | undefined {
  const value = req.get('idempotency-key');
  return value === undefined ? undefined : parse(IdempotencyKey, value, 'Idempotency-Key');
}

/** The stored, unique form of a caller's key. */
export function idemKeyOf(callerId: string, idempotencyKey: string): string {
  return `${callerId}|${idempotencyKey}`;
}

/**
 * A keyed hash of what a request asked for (`purpose` keeps two domains' hashes apart). Keyed (HMAC)
 * because the parts may hold a phone number.
 */
export function requestFingerprint(purpose: string, parts: readonly unknown[], key: Buffer): string {
  return createHmac('sha256', key).update(`${purpose}:${JSON.stringify(parts)}`).digest('base64url');
}

/** What a keyed write answers: the record, and whether an earlier request with the key had made it. */
export interface IdempotentResult<T> {
  value: T;
  replayed: boolean;
}

/**
 * The earlier record for a repeated key: itself when the request is the same, else 409 CONFLICT with
 * the domain's message and details (which name the earlier record).
 */
export function replayOf<T extends { fingerprint?: string }>(
  earlier: T,
  fingerprint: string,
  conflict: { message: string; details: Record<string, unknown> },
): IdempotentResult<T> {
  if (earlier.fingerprint !== fingerprint) throw new AppError('CONFLICT', conflict.message, { details: conflict.details });
  return { value: earlier, replayed: true };
}

/** Sends a keyed write's answer: 201 the first time, 200 with `Idempotent-Replayed: true` on a replay. */
export function sendIdempotent(res: Response, replayed: boolean, body: unknown): void {
  if (replayed) res.set('Idempotent-Replayed', 'true');
  res.status(replayed ? 200 : 201).json(body);
}
