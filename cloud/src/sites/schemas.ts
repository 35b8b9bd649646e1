import { z } from 'zod';
import { ROUTE_MODES, SITE_CATEGORIES, SITE_LEVELS } from '../contracts/sites.js';

/** `LAT,LNG` in GCJ-02, e.g. `30.5928,114.3055`. */
export const LatLngParam = z
  .string()
  .trim()
  .max(64)
  .regex(/^-?\d{1,3}(\.\d{1,15})?\s*,\s*-?\d{1,3}(\.\d{1,15})?$/, '应为“纬度,经度”，例如 30.5928,114.3055')
  .transform((text) => {
    const [lat, lng] = text.split(',').map((part) => Number(part.trim()));
    return { lat: lat!, lng: lng! };
  })
  .pipe(
    z.object({
      lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
      lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
    }),
  );

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const searchText = z.string().trim().min(1).max(50);
const cursor = z.string().min(1).max(512);

export const SitesQuery = z.object({
  near: LatLngParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  level: z.enum(SITE_LEVELS).optional(),
  category: z.enum(SITE_CATEGORIES).optional(),
  district: z.string().trim().min(1).max(30).optional(),
  q: searchText.optional(),
  openNow: flag.optional(),
  cursor: cursor.optional(),
});

export const IdParam = z.object({ id: z.string().max(64) });

export const RouteQuery = z.object({
  from: LatLngParam,
  mode: z.enum(ROUTE_MODES).default('walking'),
});

export const MartyrsQuery = z.object({
  q: searchText.optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
