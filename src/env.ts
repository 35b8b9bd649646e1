/**
 * Build-time settings. Taro's `env` config (config/index.ts) replaces each `process.env.X` read below
 * with a literal; app code reads `process.env` only in this exact form (also `TARO_ENV` and
 * `NODE_ENV` checks, which the bundler folds so other platforms' branches drop out of the bundle).
 */
export function apiBase(): string {
  return process.env.TARO_APP_API_BASE || '/api/v1';
}

export function amapKey(): string {
  return process.env.TARO_APP_AMAP_KEY || '';
}

export function amapSecurityCode(): string {
  return process.env.TARO_APP_AMAP_SECURITY_CODE || '';
}
