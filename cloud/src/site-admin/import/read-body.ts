import type { Request } from 'express';
import { AppError } from '../../errors.js';

/**
 * Reads a raw request body up to `maxBytes`. A larger body is 413: the read stops keeping bytes at the
 * cap (the rest is drained so the client can read the answer instead of a reset).
 */
export function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, { details: { maxBytes } });
  const declared = Number(req.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer | string) => {
      if (failed) return;
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(buffer);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (cause) => {
      if (failed) return;
      failed = true;
      reject(new AppError('VALIDATION_FAILED', '请求未完整发送', { cause }));
    });
  });
}
