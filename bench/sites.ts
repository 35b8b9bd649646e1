/** Deterministic benchmark data: published sites scattered around Wuhan, and query points among them. */
import type { AppServices } from '../cloud/src/app.js';
import type { SiteCategory, SiteLevel } from '../cloud/src/contracts/sites.js';

export const WUHAN = { lat: 30.5928, lng: 114.3055 };

/** Mulberry32: the same numbers on every run, so runs compare. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A point within about `radiusDeg` degrees of Wuhan's centre. */
export function pointNearWuhan(rand: () => number, radiusDeg = 0.5): { lat: number; lng: number } {
  return {
    lat: Math.round((WUHAN.lat + (rand() * 2 - 1) * radiusDeg) * 1e6) / 1e6,
    lng: Math.round((WUHAN.lng + (rand() * 2 - 1) * radiusDeg) * 1e6) / 1e6,
  };
}

const LEVELS: SiteLevel[] = ['national', 'provincial', 'municipal', 'county', 'other'];
const CATEGORIES: SiteCategory[] = ['cemetery', 'memorial_hall', 'monument', 'scattered_grave', 'other'];
const DISTRICTS = ['江岸区', '江汉区', '硚口区', '汉阳区', '武昌区', '青山区', '洪山区', '东西湖区', '蔡甸区', '江夏区', '黄陂区', '新洲区'];

/** Inserts `count` published sites through the sites service. */
export async function seedBenchSites(services: AppServices, count: number): Promise<void> {
  const rand = random(20250405);
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!;
    await services.sites.createSite({
      code: `BENCH-${String(i + 1).padStart(4, '0')}`,
      name: `${district}烈士纪念设施${i + 1}号`,
      level: LEVELS[Math.floor(rand() * LEVELS.length)]!,
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!,
      district,
      address: `武汉市${district}纪念路 ${i + 1} 号`,
      location: pointNearWuhan(rand),
      status: 'published',
    });
  }
}

/** Query points for nearest-k requests (`/api/v1/sites?near=…`). */
export function queryPoints(count: number): Array<{ lat: number; lng: number }> {
  const rand = random(7);
  return Array.from({ length: count }, () => pointNearWuhan(rand, 0.4));
}
