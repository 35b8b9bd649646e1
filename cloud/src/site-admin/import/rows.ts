import type { ZodError } from 'zod';
import { MartyrCreateBody, SiteCreateBody } from '../schemas.js';
import type { MartyrInput, SiteInput } from '../service.js';

/** A problem with one cell (or the row) of an import. */
export interface CellError {
  field: string;
  message: string;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: CellError[] };

/** Header of the site import (API.md), in this order; the rest are optional extra columns. */
export const SITE_COLUMNS = ['code', 'name', 'level', 'category', 'district', 'address', 'lat', 'lng', 'coordSystem', 'openingHours', 'phone', 'intro'] as const;
export const SITE_REQUIRED_COLUMNS = ['code', 'name', 'level', 'category', 'district', 'address', 'lat', 'lng'] as const;
/** Extra columns for the rest of the site's file (一处一档). */
export const SITE_EXTRA_COLUMNS = [
  'status',
  'city',
  'visitorNotice',
  'custodian',
  'custodyOrganization',
  'agreementNo',
  'agreementStart',
  'agreementEnd',
  'plateId',
  'plateLat',
  'plateLng',
  'protectionLevel',
  'tombType',
  'inscription',
  'areaSqm',
  'material',
  'dimensions',
] as const;

export const MARTYR_COLUMNS = ['siteCode', 'code', 'name', 'gender', 'birthYear', 'deathYear', 'hometown', 'unit', 'deeds', 'gravePosition', 'graveLat', 'graveLng', 'coordSystem'] as const;
export const MARTYR_REQUIRED_COLUMNS = ['siteCode', 'code', 'name'] as const;

/** Chinese labels managers use in their own spreadsheets, accepted beside the API's values. */
const LEVELS: Record<string, string> = { 国家级: 'national', 省级: 'provincial', 市级: 'municipal', 县级: 'county', 区级: 'county', 其他: 'other' };
const CATEGORIES: Record<string, string> = { 烈士陵园: 'cemetery', 陵园: 'cemetery', 纪念馆: 'memorial_hall', 纪念碑: 'monument', 零散烈士墓: 'scattered_grave', 零散墓: 'scattered_grave', 其他: 'other' };
const STATUSES: Record<string, string> = { 草稿: 'draft', 已发布: 'published', 发布: 'published', 关闭: 'closed', 已关闭: 'closed' };
const GENDERS: Record<string, string> = { 男: 'male', 女: 'female' };
const COORDS: Record<string, string> = { gcj02: 'gcj02', 'gcj-02': 'gcj02', wgs84: 'wgs84', 'wgs-84': 'wgs84', gps: 'wgs84', bd09: 'bd09', 'bd-09': 'bd09', 高德: 'gcj02', 百度: 'bd09' };
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** Header cells are compared case-insensitively (`coordsystem` = `coordSystem`). */
function key(name: string): string {
  return name.toLowerCase();
}

function cell(record: Record<string, string>, name: string): string | undefined {
  const value = record[key(name)];
  return value === undefined || value === '' ? undefined : value;
}

function label(map: Record<string, string>, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return map[value] ?? map[value.toLowerCase()] ?? value.toLowerCase();
}

/** A number cell; text that is not a number is kept so that validation reports it. */
function numberCell(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/,/g, ''));
  return Number.isFinite(n) && value.trim() !== '' ? n : value;
}

/**
 * Opening hours as managers write them: `08:30-17:00`, optionally followed by closed weekdays
 * (`周一闭馆`, `周一、周二闭馆`) and any other note. Anything else is kept as text for validation to refuse.
 */
export function parseOpeningHours(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const match = /^(\d{1,2}:\d{2})\s*[-–~～至到]\s*(\d{1,2}:\d{2})\s*[,，;；]?\s*(.*)$/.exec(text.trim());
  if (!match) return text;
  const pad = (t: string) => t.padStart(5, '0');
  const rest = match[3]!.trim();
  const hours: Record<string, unknown> = { open: pad(match[1]!), close: pad(match[2]!) };
  const closed = /(?:每)?周([一二三四五六日天](?:[、,，和及]?周?[一二三四五六日天])*)闭馆/.exec(rest);
  if (closed) {
    hours.closedWeekdays = [...new Set([...closed[1]!].map((c) => WEEKDAYS[c]).filter((d): d is number => d !== undefined))].sort();
  }
  const note = rest.replace(closed?.[0] ?? '', '').replace(/^[,，;；\s]+|[,，;；\s]+$/g, '');
  if (note) hours.note = note;
  return hours;
}

/** Maps zod's paths back to the column names of the file. */
const SITE_FIELD_TO_COLUMN: Record<string, string> = {
  'location.lat': 'lat',
  'location.lng': 'lng',
  location: 'lat,lng',
  'custody.custodian': 'custodian',
  'custody.organization': 'custodyOrganization',
  'custody.agreementNo': 'agreementNo',
  'custody.agreementStart': 'agreementStart',
  'custody.agreementEnd': 'agreementEnd',
  'custody.plateId': 'plateId',
  'custody.plateLocation.lat': 'plateLat',
  'custody.plateLocation.lng': 'plateLng',
  'custody.plateLocation': 'plateLat,plateLng',
};

const MARTYR_FIELD_TO_COLUMN: Record<string, string> = {
  'graveLocation.lat': 'graveLat',
  'graveLocation.lng': 'graveLng',
  graveLocation: 'graveLat,graveLng',
};

function issues(error: ZodError, columns: Record<string, string>): CellError[] {
  return error.issues.map((issue) => {
    const segments = issue.path.map(String);
    const path = segments.join('.');
    // archive.x is column x; anything deeper (openingHours.open) is reported on its column.
    const field = columns[path] ?? (segments[0] === 'archive' ? segments[1] : segments[0]);
    return { field: field || '(row)', message: issue.message };
  });
}

function compact(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** One row of the site import as a validated site (coordinates still in its `coordSystem`). */
export function siteFromRow(record: Record<string, string>): RowResult<SiteInput> {
  const c = (name: string) => cell(record, name);
  const plateLat = numberCell(c('plateLat'));
  const plateLng = numberCell(c('plateLng'));
  const candidate = {
    code: c('code'),
    name: c('name'),
    level: label(LEVELS, c('level')),
    category: label(CATEGORIES, c('category')),
    district: c('district'),
    city: c('city'),
    address: c('address'),
    location: { lat: numberCell(c('lat')), lng: numberCell(c('lng')) },
    coordSystem: label(COORDS, c('coordSystem')),
    status: label(STATUSES, c('status')),
    openingHours: parseOpeningHours(c('openingHours')),
    phone: c('phone'),
    intro: c('intro'),
    visitorNotice: c('visitorNotice'),
    custody: compact({
      custodian: c('custodian'),
      organization: c('custodyOrganization'),
      agreementNo: c('agreementNo'),
      agreementStart: c('agreementStart'),
      agreementEnd: c('agreementEnd'),
      plateId: c('plateId'),
      plateLocation: plateLat !== undefined || plateLng !== undefined ? { lat: plateLat, lng: plateLng } : undefined,
    }),
    archive: compact({
      protectionLevel: c('protectionLevel'),
      tombType: c('tombType'),
      inscription: c('inscription'),
      areaSqm: numberCell(c('areaSqm')),
      material: c('material'),
      dimensions: c('dimensions'),
    }),
  };
  const parsed = SiteCreateBody.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: issues(parsed.error, SITE_FIELD_TO_COLUMN) };
  return { ok: true, value: parsed.data };
}

/** One row of the martyr import: the site's code and the validated martyr (with its registry code). */
export function martyrFromRow(record: Record<string, string>): RowResult<{ siteCode: string; martyr: MartyrInput & { code: string } }> {
  const c = (name: string) => cell(record, name);
  const graveLat = numberCell(c('graveLat'));
  const graveLng = numberCell(c('graveLng'));
  const candidate = {
    code: c('code'),
    name: c('name'),
    gender: label(GENDERS, c('gender')),
    birthYear: numberCell(c('birthYear')),
    deathYear: numberCell(c('deathYear')),
    hometown: c('hometown'),
    unit: c('unit'),
    deeds: c('deeds'),
    gravePosition: c('gravePosition'),
    graveLocation: graveLat !== undefined || graveLng !== undefined ? { lat: graveLat, lng: graveLng } : undefined,
    coordSystem: label(COORDS, c('coordSystem')),
  };
  const errors: CellError[] = [];
  const siteCode = c('siteCode');
  if (!siteCode) errors.push({ field: 'siteCode', message: '缺少所属纪念设施编号' });
  if (!candidate.code) errors.push({ field: 'code', message: '缺少烈士编号（用于再次导入时对应同一条记录）' });
  const parsed = MartyrCreateBody.safeParse(candidate);
  if (!parsed.success) errors.push(...issues(parsed.error, MARTYR_FIELD_TO_COLUMN).filter((e) => !(e.field === 'code' && !candidate.code)));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, value: { siteCode: siteCode!, martyr: { ...parsed.data, code: parsed.data.code! } } };
}

/** Required columns missing from a header (compared case-insensitively). */
export function missingColumns(header: readonly string[], required: readonly string[]): string[] {
  return required.filter((name) => !header.includes(key(name)));
}

/** Header columns the importer does not know. */
export function unknownColumns(header: readonly string[], known: readonly string[]): string[] {
  const names = new Set(known.map(key));
  return header.filter((h) => h !== '' && !names.has(h));
}
