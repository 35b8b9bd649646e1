import { z } from 'zod';
import { objectIdString } from '../shared/schemas.js';
import { SITE_CATEGORIES, SITE_LEVELS, SITE_STATUSES } from '../contracts/sites.js';
import { CHINA_BOUNDS, isInChina } from './coords.js';

export const COORD_SYSTEMS = ['gcj02', 'wgs84', 'bd09'] as const;

const objectId = objectIdString;
const text = (max: number) => z.string().trim().min(1).max(max);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** `HH:MM`; `24:00` closes at midnight (open all day is 00:00–24:00). */
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式应为 HH:MM');

/** A point; the China check applies to the entered value (the systems differ by well under a kilometre). */
export const LatLngBody = z
  .object({
    lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
    lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
  })
  .refine(isInChina, {
    message: `坐标不在中国境内（纬度 ${CHINA_BOUNDS.minLat}–${CHINA_BOUNDS.maxLat}，经度 ${CHINA_BOUNDS.minLng}–${CHINA_BOUNDS.maxLng}），请检查是否填反`,
  });

export const OpeningHoursBody = z.object({
  open: hhmm,
  close: hhmm,
  closedWeekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  note: text(100).optional(),
});

/** A facility's public phone (landline with area code, extension, or mobile). */
export const SitePhone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[0-9+\-() 转,，、/]+$/, '电话号码格式不正确');

export const CustodyBody = z.object({
  custodian: text(30).optional(),
  organization: text(60).optional(),
  agreementNo: text(40).optional(),
  agreementStart: date.optional(),
  agreementEnd: date.optional(),
  plateId: text(40).optional(),
  plateLocation: LatLngBody.optional(),
});

export const ArchiveBody = z.object({
  protectionLevel: text(30).optional(),
  tombType: text(30).optional(),
  inscription: text(1000).optional(),
  areaSqm: z.number().min(0).max(10_000_000).optional(),
  material: text(60).optional(),
  dimensions: text(60).optional(),
  panoramaPhoto: text(500).optional(),
});

export const SiteCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, '编号只能包含字母、数字、下划线和短横线');

const siteFields = {
  name: text(60),
  level: z.enum(SITE_LEVELS),
  category: z.enum(SITE_CATEGORIES),
  district: text(30),
  city: text(20),
  address: text(120),
  location: LatLngBody,
  status: z.enum(SITE_STATUSES),
  openingHours: OpeningHoursBody,
  phone: SitePhone,
  intro: text(5000),
  photos: z.array(objectId('照片')).max(20),
  visitorNotice: text(2000),
  bookable: z.boolean(),
  custody: CustodyBody,
  archive: ArchiveBody,
};

export const SiteCreateBody = z.object({
  code: SiteCode,
  name: siteFields.name,
  level: siteFields.level,
  category: siteFields.category,
  district: siteFields.district,
  city: siteFields.city.optional(),
  address: siteFields.address,
  location: siteFields.location,
  coordSystem: z.enum(COORD_SYSTEMS).default('gcj02'),
  status: siteFields.status.optional(),
  openingHours: siteFields.openingHours.optional(),
  phone: siteFields.phone.optional(),
  intro: siteFields.intro.optional(),
  photos: siteFields.photos.optional(),
  visitorNotice: siteFields.visitorNotice.optional(),
  bookable: siteFields.bookable.optional(),
  custody: siteFields.custody.optional(),
  archive: siteFields.archive.optional(),
});

/** Every field optional; `null` clears an optional one. The code never changes. */
export const SitePatchBody = z
  .object({
    name: siteFields.name.optional(),
    level: siteFields.level.optional(),
    category: siteFields.category.optional(),
    district: siteFields.district.optional(),
    city: siteFields.city.optional(),
    address: siteFields.address.optional(),
    location: siteFields.location.optional(),
    coordSystem: z.enum(COORD_SYSTEMS).default('gcj02'),
    status: siteFields.status.optional(),
    openingHours: siteFields.openingHours.nullable().optional(),
    phone: siteFields.phone.nullable().optional(),
    intro: siteFields.intro.nullable().optional(),
    photos: siteFields.photos.optional(),
    visitorNotice: siteFields.visitorNotice.nullable().optional(),
    bookable: siteFields.bookable.optional(),
    custody: siteFields.custody.nullable().optional(),
    archive: siteFields.archive.nullable().optional(),
  })
  .refine((v) => Object.entries(v).some(([k, x]) => k !== 'coordSystem' && x !== undefined), { message: '没有要修改的内容' });

export const IdParam = z.object({ id: z.string().max(64) });

const cursor = z.string().min(1).max(512);

export const AdminSitesQuery = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  status: z.enum(SITE_STATUSES).optional(),
  level: z.enum(SITE_LEVELS).optional(),
  category: z.enum(SITE_CATEGORIES).optional(),
  district: z.string().trim().min(1).max(30).optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const HistoryQuery = z.object({
  cursor: objectIdString().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const AuditQueryParams = HistoryQuery.extend({
  siteId: objectId('纪念设施').optional(),
  actorId: objectId('账号').optional(),
  action: z.string().trim().min(1).max(60).regex(/^[a-z_.]+$/).optional(),
  targetType: z.string().trim().min(1).max(30).regex(/^[a-z_]+$/).optional(),
  from: date.optional(),
  to: date.optional(),
});

const year = z.number().int().min(1800).max(2100);

export const MartyrCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, '编号只能包含字母、数字、下划线和短横线');

const martyrFields = {
  name: text(30),
  gender: z.enum(['male', 'female']),
  birthYear: year,
  deathYear: year,
  hometown: text(60),
  unit: text(100),
  deeds: text(5000),
  gravePosition: text(60),
  graveLocation: LatLngBody,
};

function yearsInOrder(v: { birthYear?: number | null; deathYear?: number | null }): boolean {
  return v.birthYear == null || v.deathYear == null || v.birthYear <= v.deathYear;
}
const YEARS_MESSAGE = { message: '出生年份不能晚于牺牲年份', path: ['deathYear'] };

export const MartyrCreateBody = z
  .object({
    code: MartyrCode.optional(),
    name: martyrFields.name,
    gender: martyrFields.gender.optional(),
    birthYear: martyrFields.birthYear.optional(),
    deathYear: martyrFields.deathYear.optional(),
    hometown: martyrFields.hometown.optional(),
    unit: martyrFields.unit.optional(),
    deeds: martyrFields.deeds.optional(),
    gravePosition: martyrFields.gravePosition.optional(),
    graveLocation: martyrFields.graveLocation.optional(),
    coordSystem: z.enum(COORD_SYSTEMS).default('gcj02'),
  })
  .refine(yearsInOrder, YEARS_MESSAGE);

export const MartyrPatchBody = z
  .object({
    siteId: objectId('纪念设施').optional(),
    name: martyrFields.name.optional(),
    gender: martyrFields.gender.nullable().optional(),
    birthYear: martyrFields.birthYear.nullable().optional(),
    deathYear: martyrFields.deathYear.nullable().optional(),
    hometown: martyrFields.hometown.nullable().optional(),
    unit: martyrFields.unit.nullable().optional(),
    deeds: martyrFields.deeds.nullable().optional(),
    gravePosition: martyrFields.gravePosition.nullable().optional(),
    graveLocation: martyrFields.graveLocation.nullable().optional(),
    coordSystem: z.enum(COORD_SYSTEMS).default('gcj02'),
  })
  .refine(yearsInOrder, YEARS_MESSAGE)
  .refine((v) => Object.entries(v).some(([k, x]) => k !== 'coordSystem' && x !== undefined), { message: '没有要修改的内容' });

export const MartyrListQuery = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  cursor: objectIdString().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
