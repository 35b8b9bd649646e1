/**
 * Build-time settings. Taro's `env` config (config/index.ts) replaces each `process.env.X` read below
 * with a literal, so only these exact expressions may be used in app code.
 */
export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}

export function apiBase(): string {
  return process.env.TARO_APP_API_BASE || '/api/v1';
}

export function amapKey(): string {
  return process.env.TARO_APP_AMAP_KEY || '';
}

export function amapSecurityCode(): string {
  return process.env.TARO_APP_AMAP_SECURITY_CODE || '';
}

/** True in `taro build` without NODE_ENV=production (dev builds and watch mode). */
export function isDevBuild(): boolean {
  return process.env.NODE_ENV !== 'production';
}
