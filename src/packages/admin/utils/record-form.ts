import type { AdminSite, CoordSystem, LatLng, SitePatchWrite, SiteCategory, SiteLevel, SiteStatus, SiteWrite } from '@/types/api';
import { haversineMeters } from '@/utils/geo';

/** A move larger than this (metres) is confirmed before saving (matches the server's LARGE_MOVE_METERS). */
export const LARGE_MOVE_METERS = 3000;

/** Mainland China, Hainan, Taiwan and the South China Sea islands (the server checks the same box). */
const CHINA = { minLat: 3.5, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 };

/** Text fields of the editor (every input edits a string; numbers are parsed on save). */
export interface RecordForm {
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  status: SiteStatus;
  district: string;
  address: string;
  lat: string;
  lng: string;
  coordSystem: CoordSystem;
  phone: string;
  open: string;
  close: string;
  closedWeekdays: number[];
  hoursNote: string;
  intro: string;
  visitorNotice: string;
  custodian: string;
  custodyOrganization: string;
  agreementNo: string;
  agreementStart: string;
  agreementEnd: string;
  plateId: string;
  protectionLevel: string;
  tombType: string;
  inscription: string;
  areaSqm: string;
  material: string;
  dimensions: string;
}

export function emptyForm(): RecordForm {
  return {
    code: '',
    name: '',
    level: 'county',
    category: 'scattered_grave',
    status: 'draft',
    district: '',
    address: '',
    lat: '',
    lng: '',
    coordSystem: 'gcj02',
    phone: '',
    open: '',
    close: '',
    closedWeekdays: [],
    hoursNote: '',
    intro: '',
    visitorNotice: '',
    custodian: '',
    custodyOrganization: '',
    agreementNo: '',
    agreementStart: '',
    agreementEnd: '',
    plateId: '',
    protectionLevel: '',
    tombType: '',
    inscription: '',
    areaSqm: '',
    material: '',
    dimensions: '',
  };
}

export function formFromSite(site: AdminSite): RecordForm {
  const c = site.custody ?? {};
  const a = site.archive ?? {};
  return {
    code: site.code,
    name: site.name,
    level: site.level,
    category: site.category,
    status: site.status,
    district: site.district,
    address: site.address,
    lat: String(site.location.lat),
    lng: String(site.location.lng),
    coordSystem: 'gcj02',
    phone: site.phone ?? '',
    open: site.openingHours?.open ?? '',
    close: site.openingHours?.close ?? '',
    closedWeekdays: site.openingHours?.closedWeekdays ?? [],
    hoursNote: site.openingHours?.note ?? '',
    intro: site.intro ?? '',
    visitorNotice: site.visitorNotice ?? '',
    custodian: c.custodian ?? '',
    custodyOrganization: c.organization ?? '',
    agreementNo: c.agreementNo ?? '',
    agreementStart: c.agreementStart ?? '',
    agreementEnd: c.agreementEnd ?? '',
    plateId: c.plateId ?? '',
    protectionLevel: a.protectionLevel ?? '',
    tombType: a.tombType ?? '',
    inscription: a.inscription ?? '',
    areaSqm: a.areaSqm !== undefined ? String(a.areaSqm) : '',
    material: a.material ?? '',
    dimensions: a.dimensions ?? '',
  };
}

/** Problems to fix before saving, by field (empty when the form can be sent). */
export function validateForm(form: RecordForm, creating: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (creating && !/^[A-Za-z0-9_-]{1,40}$/.test(form.code.trim())) errors.code = '编号只能包含字母、数字、下划线和短横线';
  for (const key of ['name', 'district', 'address'] as const) if (!form[key].trim()) errors[key] = '必填';
  const lat = Number(form.lat);
  const lng = Number(form.lng);
  if (form.lat.trim() === '' || !Number.isFinite(lat) || form.lng.trim() === '' || !Number.isFinite(lng)) errors.location = '请填写纬度和经度（数字）';
  else if (lat < CHINA.minLat || lat > CHINA.maxLat || lng < CHINA.minLng || lng > CHINA.maxLng) errors.location = '坐标不在中国境内，请检查纬度、经度是否填反';
  if ((form.open === '') !== (form.close === '')) errors.openingHours = '开放和闭馆时间须同时填写';
  for (const [key, value] of [['open', form.open], ['close', form.close]] as const) {
    if (value && !/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(value)) errors.openingHours = '时间格式应为 HH:MM，例如 08:30';
    void key;
  }
  for (const key of ['agreementStart', 'agreementEnd'] as const) {
    if (form[key] && !/^\d{4}-\d{2}-\d{2}$/.test(form[key])) errors[key] = '日期格式应为 YYYY-MM-DD';
  }
  if (form.areaSqm && !(Number(form.areaSqm) >= 0)) errors.areaSqm = '面积应为数字';
  return errors;
}

function text(value: string): string | undefined {
  return value.trim() === '' ? undefined : value.trim();
}

function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** The site a valid form describes, as POST /admin/sites takes it. */
export function siteFromForm(form: RecordForm): SiteWrite {
  const hours =
    form.open && form.close
      ? {
          open: form.open,
          close: form.close,
          ...(form.closedWeekdays.length > 0 ? { closedWeekdays: [...form.closedWeekdays].sort() } : {}),
          ...(text(form.hoursNote) ? { note: text(form.hoursNote) } : {}),
        }
      : undefined;
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    level: form.level,
    category: form.category,
    status: form.status,
    district: form.district.trim(),
    address: form.address.trim(),
    location: { lat: Number(form.lat), lng: Number(form.lng) },
    coordSystem: form.coordSystem,
    ...(hours ? { openingHours: hours } : {}),
    ...(text(form.phone) ? { phone: text(form.phone) } : {}),
    ...(text(form.intro) ? { intro: text(form.intro) } : {}),
    ...(text(form.visitorNotice) ? { visitorNotice: text(form.visitorNotice) } : {}),
    ...(() => {
      const custody = compact({
        custodian: text(form.custodian),
        organization: text(form.custodyOrganization),
        agreementNo: text(form.agreementNo),
        agreementStart: text(form.agreementStart),
        agreementEnd: text(form.agreementEnd),
        plateId: text(form.plateId),
      });
      return custody ? { custody } : {};
    })(),
    ...(() => {
      const archive = compact({
        protectionLevel: text(form.protectionLevel),
        tombType: text(form.tombType),
        inscription: text(form.inscription),
        areaSqm: text(form.areaSqm) !== undefined ? Number(form.areaSqm) : undefined,
        material: text(form.material),
        dimensions: text(form.dimensions),
      });
      return archive ? { archive } : {};
    })(),
  };
}

/** JSON with object keys sorted and undefined members dropped, so equal records compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Only what the manager changed, as PATCH /admin/sites/:id takes it (`null` clears a field). Custody
 * keeps the stored plate position, which the form does not edit.
 */
export function patchFromForm(site: AdminSite, form: RecordForm): SitePatchWrite {
  const next = siteFromForm(form);
  const patch: SitePatchWrite = {};
  const simple = ['name', 'level', 'category', 'status', 'district', 'address', 'openingHours', 'phone', 'intro', 'visitorNotice'] as const;
  for (const key of simple) {
    if (!same(site[key], next[key])) (patch as Record<string, unknown>)[key] = next[key] ?? null;
  }
  const locationChanged = form.coordSystem !== 'gcj02' || !same(site.location, next.location);
  if (locationChanged) {
    patch.location = next.location;
    patch.coordSystem = form.coordSystem;
  }
  const custody = next.custody || site.custody?.plateLocation ? { ...(site.custody?.plateLocation ? { plateLocation: site.custody.plateLocation } : {}), ...next.custody } : undefined;
  if (!same(site.custody, custody)) patch.custody = custody ?? null;
  if (!same(site.archive ? { ...site.archive, panoramaPhoto: undefined } : undefined, next.archive)) {
    patch.archive = next.archive || site.archive?.panoramaPhoto ? { ...(site.archive?.panoramaPhoto ? { panoramaPhoto: site.archive.panoramaPhoto } : {}), ...next.archive } : null;
  }
  return patch;
}

/** Metres between the stored position and the form's (GCJ-02 entries only; other systems move anyway). */
export function moveDistance(site: AdminSite, form: RecordForm): number {
  const point: LatLng = { lat: Number(form.lat), lng: Number(form.lng) };
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lng)) return 0;
  return haversineMeters(site.location, point);
}
