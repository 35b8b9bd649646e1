import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../errors.js';

/** Room for the multipart envelope (boundaries, part headers, a few small fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export interface ReceivedFile {
  bytes: Buffer;
  /** As sent by the client; informative only, never trusted for the type. */
  filename: string;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`, { details: { maxBytes } });
}

/**
 * Reads the one file part named `field` of a multipart/form-data request, keeping at most `maxBytes`:
 * the moment the file (or a declared Content-Length) passes the cap the read stops and the promise
 * rejects with 413, without buffering the rest. Other parts are skipped.
 */
export function readSingleFile(req: Request, field: string, maxBytes: number): Promise<ReceivedFile> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件'));
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return Promise.reject(tooLarge(maxBytes));

  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy signals `limit` on reaching fileSize, so one byte more means "over maxBytes".
        limits: { files: 1, fileSize: maxBytes + 1, fields: 8, fieldSize: 1024, parts: 9, headerPairs: 20 },
      });
    } catch (cause) {
      reject(new AppError('VALIDATION_FAILED', '上传请求格式不正确', { cause, details: [{ path: 'file', message: '缺少 multipart 边界' }] }));
      return;
    }

    let settled = false;
    let file: ReceivedFile | null = null;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // Keep draining what the client is still sending so it can read our answer instead of a reset.
      req.resume();
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      if (name !== field || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        chunks.length = 0;
        fail(tooLarge(maxBytes));
      });
      stream.on('end', () => {
        if (!settled && !(stream as { truncated?: boolean }).truncated) file = { bytes: Buffer.concat(chunks, size), filename: info.filename ?? '' };
      });
    });
    parser.on('error', (cause: unknown) => {
      fail(new AppError('VALIDATION_FAILED', '上传请求格式不正确', { cause, details: [{ path: 'file', message: '无法解析上传内容' }] }));
    });
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (!file) reject(new AppError('VALIDATION_FAILED', '请选择要上传的图片', { details: [{ path: 'file', message: '缺少文件字段 file' }] }));
      else resolve(file);
    });
    req.on('aborted', () => fail(new AppError('VALIDATION_FAILED', '上传未完成，请重试')));
    req.pipe(parser);
  });
}
