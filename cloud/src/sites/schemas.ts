// zod/mini: the fast lane parses SitesQuery on a cold start's first request (see shared/zod-mini.ts).
import * as z from '../shared/zod-mini.js';
import { ROUTE_MODES, SITE_CATEGORIES, SITE_LEVELS } from '../contracts/sites.js';

const LAT_MESSAGE = '纬度应在 -90 到 90 之间';
const LNG_MESSAGE = '经度应在 -180 到 180 之间';

/** `LAT,LNG` in GCJ-02, e.g. `30.5928,114.3055`. */
export const LatLngParam = z.pipe(
  z.pipe(
    z.string().check(
      z.trim(),
      z.maxLength(64),
      z.regex(/^-?\d{1,3}(\.\d{1,15})?\s*,\s*-?\d{1,3}(\.\d{1,15})?$/, '应为“纬度,经度”，例如 30.5928,114.3055'),
    ),
    z.transform((text: string) => {
      const [lat, lng] = text.split(',').map((part) => Number(part.trim()));
      return { lat: lat!, lng: lng! };
    }),
  ),
  z.object({
    lat: z.number().check(z.gte(-90, LAT_MESSAGE), z.lte(90, LAT_MESSAGE)),
    lng: z.number().check(z.gte(-180, LNG_MESSAGE), z.lte(180, LNG_MESSAGE)),
  }),
);

const FLAG_WORDS = ['1', '0', 'true', 'false'] as const;
const flag = z.pipe(
  z.enum(FLAG_WORDS),
  z.transform((v: (typeof FLAG_WORDS)[number]) => v === '1' || v === 'true'),
);
const searchText = z.string().check(z.trim(), z.minLength(1), z.maxLength(50));
const cursor = z.string().check(z.minLength(1), z.maxLength(512));
const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20);

export const SitesQuery = z.object({
  near: z.optional(LatLngParam),
  limit,
  level: z.optional(z.enum(SITE_LEVELS)),
  category: z.optional(z.enum(SITE_CATEGORIES)),
  district: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(30))),
  q: z.optional(searchText),
  openNow: z.optional(flag),
  cursor: z.optional(cursor),
});

export const IdParam = z.object({ id: z.string().check(z.maxLength(64)) });

export const RouteQuery = z.object({
  from: LatLngParam,
  mode: z._default(z.enum(ROUTE_MODES), 'walking'),
});

export const MartyrsQuery = z.object({
  q: z.optional(searchText),
  cursor: z.optional(cursor),
  limit,
});
