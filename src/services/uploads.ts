import Taro from '@tarojs/taro';
import { apiBase } from '@/env';
import { sessionStore } from '@/stores/session';
import type { UploadResponse } from '@/types/api';
import { ApiError, NETWORK_MESSAGE, toApiError } from './request';

const UPLOAD_TIMEOUT_MS = 60_000;

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * POST /uploads: sends a local image (a temp path from the camera or album; a blob URL on H5) as
 * multipart field `file`. The server checks the type by content (JPEG/PNG/WebP) and the size (≤ 5 MB).
 */
export async function uploadImage(filePath: string): Promise<UploadResponse> {
  const session = sessionStore.get();
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${apiBase().replace(/\/+$/, '')}/uploads`,
      filePath,
      name: 'file',
      header: session ? { Authorization: `Bearer ${session.token}` } : {},
      timeout: UPLOAD_TIMEOUT_MS,
    });
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
  }
  const body = parse(res.data);
  if (res.statusCode === 201 || res.statusCode === 200) return body as UploadResponse;
  const error = toApiError(res.statusCode, body);
  if (res.statusCode === 401 && session && error.code === 'UNAUTHENTICATED') sessionStore.signOut();
  throw error;
}
