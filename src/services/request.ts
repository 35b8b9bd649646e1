import Taro from '@tarojs/taro';
import { apiBase } from '@/env';
import { sessionStore } from '@/stores/session';

/** An API failure as the UI needs it: the API's error code (or 'NETWORK'), a Chinese message, the HTTP status (0 when no answer). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

export const NETWORK_MESSAGE = '网络不可用，请检查网络后重试';

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Sent as is with `contentType` instead of a JSON body (CSV text, XLSX bytes). */
  rawBody?: string | ArrayBuffer;
  contentType?: string;
  /** `text` for answers that are not JSON (CSV exports). */
  responseType?: 'json' | 'text';
  headers?: Record<string, string>;
  /** Statuses other than 2xx that the caller handles itself (e.g. 304). */
  acceptStatus?: readonly number[];
  timeoutMs?: number;
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  /** Response headers with lower-cased names. */
  headers: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

function buildUrl(path: string, query?: Query): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  const base = apiBase().replace(/\/+$/, '');
  return `${base}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

function lowerCaseKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
      if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v);
    }
  }
  return out;
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function fallbackMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有权限执行此操作';
  if (status === 404) return '内容不存在或已下线';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}）`;
}

/** Turns a non-2xx answer into an ApiError, reading the API's `{"error":{code,message,details}}` shape when present. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' && error.message ? error.message : fallbackMessage(status);
    return new ApiError(error.code, message, status, error.details);
  }
  const code = status >= 500 ? (status === 503 ? 'UNAVAILABLE' : 'INTERNAL') : `HTTP_${status}`;
  return new ApiError(code, fallbackMessage(status), status);
}

/**
 * Calls the API and returns status, body and headers. The only place the app touches the network:
 * attaches the session's bearer token, throws ApiError for non-2xx answers and 'NETWORK' for no answer.
 */
export async function requestRaw<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const session = sessionStore.get();
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (session) header.Authorization = `Bearer ${session.token}`;
  if (options.rawBody !== undefined) header['Content-Type'] = options.contentType ?? 'application/octet-stream';
  else if (options.body !== undefined) header['Content-Type'] = 'application/json';

  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url: buildUrl(path, options.query),
      method: options.method ?? 'GET',
      header,
      data: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      dataType: options.responseType === 'text' ? 'text' : 'json',
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
  }

  const status = res.statusCode;
  const data = parseBody(res.data);
  const headers = lowerCaseKeys(res.header);
  if ((status >= 200 && status < 300) || options.acceptStatus?.includes(status)) {
    return { status, data: data as T, headers };
  }
  const error = toApiError(status, data);
  // A refused token is useless from now on: drop it so the UI shows the signed-out state.
  if (status === 401 && session && error.code === 'UNAUTHENTICATED') sessionStore.signOut();
  throw error;
}

/** `requestRaw` for callers that need only the body. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestRaw<T>(path, options)).data;
}
