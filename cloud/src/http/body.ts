import express, { type RequestHandler } from 'express';
import { AppError } from '../errors.js';

/** Content types that routes parse themselves (uploads, imports). */
const SELF_PARSED = [
  'multipart/form-data',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** The routes that read those types themselves; on any other route such a body is 415, not an empty body. */
const SELF_PARSING_PATHS = /^\/(?:uploads|admin\/import\/[a-z]+)\/?$/;

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  // serverless-http sets content-length as the number 0 for a body-less event, not the string '0'.
  return req.headers['transfer-encoding'] !== undefined || Number(length ?? 0) > 0;
}

/**
 * JSON bodies up to `limit`; a body of any other type is 415 unless a route parses it itself.
 * Bodies on GET/DELETE are ignored.
 */
export function jsonBody(limit = '64kb'): RequestHandler {
  const parser = express.json({ limit, strict: true, type: () => true });
  return (req, res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || !hasBody(req)) return next();
    if (req.is('application/json')) return parser(req, res, next);
    if (req.is(SELF_PARSED) && SELF_PARSING_PATHS.test(req.path)) return next();
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体须为 JSON（Content-Type: application/json）'));
  };
}
