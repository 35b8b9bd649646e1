import { randomBytes } from 'node:crypto';
import type { TestApi } from '../helpers.js';
import type { NewSite, Site } from '../../src/sites/repository.js';

/** Metres per degree of latitude on the sphere geokdbush uses (R = 6,371 km). */
export const METRES_PER_DEGREE = (6_371_000 * Math.PI) / 180;

let areaCounter = 0;

/**
 * A base point far from every other test's points (about 220 km apart), so nearest-k queries in one
 * database see only the sites a test placed around its own base.
 */
export function freshArea(): { lat: number; lng: number } {
  const n = areaCounter++;
  return { lat: 22 + (n % 8) * 2, lng: 100 + Math.floor(n / 8) * 2 + Math.random() * 0.5 };
}

export function uniqueCode(prefix = 'T'): string {
  return `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Creates a site through the service (published unless stated). */
export async function createSite(api: TestApi, overrides: Partial<NewSite> & { location: { lat: number; lng: number } }): Promise<Site> {
  return api.services.sites.createSite({
    code: uniqueCode(),
    name: '测试纪念设施',
    level: 'county',
    category: 'monument',
    district: '测试区',
    address: '测试路 1 号',
    status: 'published',
    ...overrides,
  });
}
