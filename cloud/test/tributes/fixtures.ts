import type { TestApi } from '../helpers.js';
import type { Site } from '../../src/sites/repository.js';
import type { Martyr } from '../../src/sites/martyr-repository.js';
import { createSite, freshArea } from '../sites/fixtures.js';

/** A published site (unless stated) for tribute tests. */
export function tributeSite(api: TestApi, overrides: Partial<Parameters<typeof createSite>[1]> = {}): Promise<Site> {
  return createSite(api, { name: '测试烈士陵园', location: freshArea(), ...overrides });
}

export function tributeMartyr(api: TestApi, siteId: string, name = '测试烈士'): Promise<Martyr> {
  return api.services.martyrs.addMartyr({ siteId, name, deathYear: 1938, deeds: '英勇牺牲', gravePosition: '一区三排五号' });
}

export async function offer(api: TestApi, token: string, body: Record<string, unknown>) {
  return api.request('POST', '/tributes', { token, body });
}
