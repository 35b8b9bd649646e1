import { apiBase } from '@/env';

/**
 * Turns a path the API returns (`/api/v1/files/…?sig=…`) into a URL the app can load: on H5 the API
 * shares the page's origin, so the path is used as is; the mini-program prefixes the API's origin.
 */
export function resolveApiPath(path: string, base: string = apiBase()): string {
  if (/^https?:\/\//.test(path)) return path;
  const origin = /^(https?:\/\/[^/]+)/.exec(base)?.[1];
  return origin ? `${origin}${path}` : path;
}
