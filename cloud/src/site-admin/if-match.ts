import { AppError } from '../errors.js';

/**
 * Reads the version a client last saw from `If-Match` (`3`, `"3"` or `W/"3"`). Missing → 428
 * PRECONDITION_REQUIRED (an edit without a version could silently overwrite someone else's); anything
 * else that is not a version → 400.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new AppError('PRECONDITION_REQUIRED', '请先刷新记录再编辑（缺少版本号 If-Match）');
  }
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new AppError('VALIDATION_FAILED', 'If-Match 应为记录的版本号', { details: [{ path: 'If-Match', message: '应为整数版本号' }] });
  }
  return Number(match[1]);
}
