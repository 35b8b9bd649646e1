import { randomBytes } from 'node:crypto';
import type { LatLng } from '../../src/contracts/common.js';
import { shanghaiDate } from '../../src/proxy-sweeps/dates.js';
import { MartyrRepository, SiteRepository } from '../../src/sites/repository.js';
import type { TestApi } from '../helpers.js';
import { formWith, makePng } from '../files/images.js';

export const SITE_LOCATION: LatLng = { lat: 30.5431, lng: 114.3587 };
export const GRAVE_LOCATION: LatLng = { lat: 30.5442, lng: 114.3601 };

/** A published site with one martyr whose grave position is known, seeded through the sites repositories. */
export async function seedSite(api: TestApi, options: { status?: 'published' | 'draft'; graveLocation?: LatLng | null } = {}) {
  const now = new Date();
  const site = await new SiteRepository(api.db).insert(
    {
      code: `T-${randomBytes(4).toString('hex')}`,
      name: '九峰山烈士陵园',
      level: 'provincial',
      category: 'cemetery',
      district: '洪山区',
      address: '武汉市洪山区九峰乡',
      location: SITE_LOCATION,
      status: options.status ?? 'published',
    },
    now,
  );
  if (!site) throw new Error('site code collision');
  const martyrs = new MartyrRepository(api.db);
  const martyr = await martyrs.insert(
    { siteId: site.id, name: '张英', hometown: '湖北黄陂', ...(options.graveLocation === null ? {} : { graveLocation: options.graveLocation ?? GRAVE_LOCATION }) },
    now,
  );
  return { site, martyr };
}

export function sweepBody(siteId: string, martyrId: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    siteId,
    ...(martyrId ? { martyrId } : {}),
    services: ['clean_headstone', 'offer_flowers'],
    preferredDate: shanghaiDate(new Date(), 3),
    message: '爷爷，我们都很想念您。',
    relationship: '孙女',
    contactPhone: '13812345678',
    ...overrides,
  };
}

export async function uploadPhoto(api: TestApi, token: string, seed = 1): Promise<{ id: string; url: string; bytes: Buffer }> {
  const bytes = makePng(24, 24, seed);
  const res = await api.request('POST', '/uploads', { token, raw: formWith(bytes) });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.text}`);
  return { id: res.body.id, url: res.body.url, bytes };
}
