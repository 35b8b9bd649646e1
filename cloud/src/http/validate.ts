import { safeParse, type $ZodType } from 'zod/v4/core';
import { AppError } from '../errors.js';
import type { FieldIssue } from '../contracts/errors.js';

/** Parses untrusted input with a zod schema (`zod` or `zod/mini`); a failure is 400 VALIDATION_FAILED listing the bad fields. */
export function parse<T>(schema: $ZodType<T>, value: unknown, where = ''): T {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.slice(0, 20).map((issue) => ({
    path: [where, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
  const fields = [...new Set(details.map((d) => d.path))].join('、');
  throw new AppError('VALIDATION_FAILED', `请求参数不正确：${fields}`, { details });
}
