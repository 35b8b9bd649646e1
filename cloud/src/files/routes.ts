import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { MAX_UPLOAD_BYTES, type UploadResponse, type UploadMimeType } from '../contracts/files.js';
import { AppError } from '../errors.js';
import { assertCaller } from '../http/auth.js';
import { parse } from '../http/validate.js';
import type { RateLimiter, RateLimitRule } from '../shared/rate-limit.js';
import { readSingleFile } from './multipart.js';
import { FileIdParam, FileReadQuery } from './schemas.js';
import type { FileService } from './service.js';

export const UPLOAD_RULE: RateLimitRule = { name: 'upload', limit: 60, windowSeconds: 60, message: '上传过于频繁，请稍后再试' };

/** Private files may sit in the reader's own cache this long; their bytes never change under one id. */
const PRIVATE_MAX_AGE_SECONDS = 600;

export function filesRouter(files: FileService, limiter: RateLimiter): Router {
  const router = Router();

  router.post('/uploads', async (req, res) => {
    const caller = assertCaller(req);
    await limiter.hit(UPLOAD_RULE, caller.id);
    let received;
    try {
      received = await readSingleFile(req, 'file', MAX_UPLOAD_BYTES);
    } catch (error) {
      // The rest of the body was not read: the connection cannot carry another request.
      if (error instanceof AppError && error.status === 413) res.set('Connection', 'close');
      throw error;
    }
    const { file, link } = await files.upload(caller, received.bytes);
    const body: UploadResponse = {
      id: file.id,
      url: link.url,
      expiresAt: new Date(link.exp * 1000).toISOString(),
      contentType: file.contentType as UploadMimeType,
      size: file.size,
    };
    res.status(201).json(body);
  });

  router.get('/files/:id', async (req, res) => {
    const params = FileIdParam.safeParse(req.params);
    if (!params.success) throw new AppError('NOT_FOUND', '文件不存在');
    const { exp, sig } = parse(FileReadQuery, req.query);
    const { file, object } = await files.open(params.data.id, { caller: req.caller, exp, sig });
    const etag = `"${file.sha256}"`;
    res.set({
      'Content-Type': file.contentType,
      'Cache-Control': file.isPublic ? 'public, max-age=31536000, immutable' : `private, max-age=${PRIVATE_MAX_AGE_SECONDS}`,
      ETag: etag,
      'Content-Disposition': 'inline',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    if (req.get('if-none-match') === etag) {
      object.stream.destroy();
      res.status(304).end();
      return;
    }
    res.set('Content-Length', String(object.length));
    await pipeline(object.stream, res);
  });

  return router;
}
