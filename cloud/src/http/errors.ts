import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { ErrorBody } from '../contracts/errors.js';
import { isDbUnavailable } from '../db/connection.js';

/** body-parser and similar libraries flag their errors with `type` and `status`. */
function fromLibraryError(error: { type?: unknown; status?: unknown }): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('BAD_JSON', '请求体不是有效的 JSON');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', '请求体过大');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的请求编码');
    case 'request.aborted':
      return new AppError('VALIDATION_FAILED', '请求未完整发送');
    default:
      return null;
  }
}

/** Normalises anything thrown into an AppError; unknown errors become 500 INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // The router decodes path parameters; a broken percent-encoding (`/sites/%E0%A4%A`) throws URIError.
  if (error instanceof URIError) return new AppError('VALIDATION_FAILED', '请求地址的编码不正确');
  if (isDbUnavailable(error)) {
    return new AppError('UNAVAILABLE', '服务暂时不可用，请稍后重试', { retryAfter: 5, cause: error });
  }
  if (error && typeof error === 'object') {
    const mapped = fromLibraryError(error as { type?: unknown });
    if (mapped) return mapped;
  }
  return new AppError('INTERNAL', '服务器内部错误', { cause: error });
}

export function sendError(res: Parameters<RequestHandler>[1], error: AppError): void {
  if (error.retryAfter !== undefined) res.set('Retry-After', String(error.retryAfter));
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  res.status(error.status).json(body);
}

/** The one error middleware: every failure leaves in the API's error shape; 5xx internals stay in the log. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const error = toAppError(err);
    const context = { requestId: req.requestId, method: req.method, path: req.path, status: error.status, code: error.code };
    if (error.status >= 500) {
      logger.error({ ...context, err: error.cause ?? err }, 'request failed');
    } else {
      logger.debug(context, error.message);
    }
    sendError(res, error);
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', '接口不存在'));
};
