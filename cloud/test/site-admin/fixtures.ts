import { randomBytes } from 'node:crypto';
import type { TestApi } from '../helpers.js';

export function uniqueCode(prefix = 'A'): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A valid POST /admin/sites body around Wuhan (GCJ-02 unless stated). */
export function siteBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: uniqueCode(),
    name: '测试烈士陵园',
    level: 'municipal',
    category: 'cemetery',
    district: '武昌区',
    address: '测试路 1 号',
    location: { lat: 30.55, lng: 114.33 },
    ...overrides,
  };
}

/** Creates a site as an admin through the API; returns the created record. */
export async function adminCreateSite(api: TestApi, adminToken: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const res = await api.request('POST', '/admin/sites', { token: adminToken, body: siteBody(overrides) });
  if (res.status !== 201) throw new Error(`create site failed: ${res.status} ${res.text}`);
  return res.body;
}
