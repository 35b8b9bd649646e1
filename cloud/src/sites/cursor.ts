import { safeParse, type $ZodType } from 'zod/v4/core';
import { AppError } from '../errors.js';

/** Opaque paging cursor: base64url of a small JSON object. */
export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` and checks its shape; anything else is 400 VALIDATION_FAILED. */
export function decodeCursor<T>(cursor: string, schema: $ZodType<T>): T {
  const invalid = () =>
    new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: 'invalid cursor' }] });
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const result = safeParse(schema, parsed);
  if (!result.success) throw invalid();
  return result.data;
}
