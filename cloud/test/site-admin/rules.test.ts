import { describe, expect, it } from 'vitest';
import { normaliseAssignment } from '../../src/accounts/staff-admin-service.js';
import { haversineMeters } from '../../src/sites/geo.js';
import { isInChina, toGcj02 } from '../../src/site-admin/coords.js';
import { parseIfMatch } from '../../src/site-admin/if-match.js';
import { applyPatch } from '../../src/site-admin/service.js';
import { martyrFromRow, parseOpeningHours, siteFromRow } from '../../src/site-admin/import/rows.js';
import { parseCsv, looksLikeXlsx } from '../../src/site-admin/import/table.js';
import { daysSince, patrolReference } from '../../src/patrols/service.js';
import { addDays, daysBetween, isCalendarDate, shanghaiDate } from '../../src/statistics/days.js';
import { resolveRange, totalsOf } from '../../src/statistics/service.js';

describe('coordinates', () => {
  it('moves a WGS-84 point in Wuhan by roughly 500 m into GCJ-02 and keeps GCJ-02 input as it is', () => {
    const wgs = { lat: 30.5928, lng: 114.3055 };
    const gcj = toGcj02(wgs, 'wgs84');
    expect(haversineMeters(wgs, gcj)).toBeGreaterThan(400);
    expect(haversineMeters(wgs, gcj)).toBeLessThan(700);
    expect(toGcj02({ lat: 30.123456789, lng: 114.1 })).toEqual({ lat: 30.1234568, lng: 114.1 });
  });

  it('knows China’s bounds: Wuhan and the Spratlys in, swapped coordinates and Tokyo out', () => {
    expect(isInChina({ lat: 30.59, lng: 114.3 })).toBe(true);
    expect(isInChina({ lat: 9.5, lng: 115.5 })).toBe(true);
    expect(isInChina({ lat: 114.3, lng: 30.59 })).toBe(false);
    expect(isInChina({ lat: 35.68, lng: 139.69 })).toBe(false);
  });
});

describe('If-Match', () => {
  it('reads plain, quoted and weak versions; missing is 428, garbage is 400', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"12"')).toBe(12);
    expect(parseIfMatch('W/"7"')).toBe(7);
    expect(() => parseIfMatch(undefined)).toThrow(expect.objectContaining({ status: 428, code: 'PRECONDITION_REQUIRED' }));
    expect(() => parseIfMatch('abc')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parseIfMatch('"1", "2"')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('applyPatch', () => {
  it('sets given fields, removes null ones and ignores undefined', () => {
    expect(applyPatch({ a: 1, b: 2, c: 3 }, { a: 9, b: null, c: undefined })).toEqual({ a: 9, c: 3 });
  });
});

describe('import rows', () => {
  it('reads opening hours as managers write them', () => {
    expect(parseOpeningHours('8:30-17:00')).toEqual({ open: '08:30', close: '17:00' });
    expect(parseOpeningHours('08:30～17:00，周一、周二闭馆')).toEqual({ open: '08:30', close: '17:00', closedWeekdays: [1, 2] });
    expect(parseOpeningHours('09:00-16:30 周一闭馆 节假日照常开放')).toEqual({ open: '09:00', close: '16:30', closedWeekdays: [1], note: '节假日照常开放' });
    expect(parseOpeningHours('全天开放')).toBe('全天开放');
    expect(parseOpeningHours(undefined)).toBeUndefined();
  });

  it('turns a site row with Chinese labels and custody columns into a site input', () => {
    const result = siteFromRow({
      code: 'WH-1', name: '某烈士墓', level: '县级', category: '零散烈士墓', district: '黄陂区', address: '某村',
      lat: '30.9', lng: '114.4', coordsystem: 'GPS', custodian: '李四', platelat: '30.9001', platelng: '114.4001', areasqm: '1,200',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { level: 'county', category: 'scattered_grave', coordSystem: 'wgs84', custody: { custodian: '李四', plateLocation: { lat: 30.9001, lng: 114.4001 } }, archive: { areaSqm: 1200 } },
    });
  });

  it('names the columns of a bad site row', () => {
    const result = siteFromRow({ code: 'X', name: '', level: 'huge', category: 'cemetery', district: 'd', address: 'a', lat: '95', lng: '114', platelat: '30' });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'level', 'lat', 'plateLng']));
  });

  it('requires the site code and a registry code on martyr rows; 男/女 become male/female', () => {
    expect(martyrFromRow({ sitecode: 'S', code: 'M1', name: '张三', gender: '男', birthyear: '1920' })).toMatchObject({ ok: true, value: { siteCode: 'S', martyr: { gender: 'male', birthYear: 1920 } } });
    const bad = martyrFromRow({ name: '张三' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['siteCode', 'code']);
  });

  it('parses CSV with a BOM, quoted commas and CRLF, keeping row positions', () => {
    const table = parseCsv(Buffer.from('\uFEFFCode,Name\r\nA,"甲,乙"\r\n\r\nB,丙\r\n'));
    expect(table.header).toEqual(['code', 'name']);
    expect(table.rows).toEqual([['A', '甲,乙'], [''], ['B', '丙']]);
    expect(() => parseCsv(Buffer.from('code,name\n"unclosed,x\n'))).toThrow(expect.objectContaining({ status: 400 }));
    expect(looksLikeXlsx(Buffer.from('PK\x03\x04rest'))).toBe(true);
  });
});

describe('staff assignments', () => {
  it('drops sites for admins, de-duplicates them for others, and requires one for managers', () => {
    expect(normaliseAssignment(['admin'], ['a'])).toEqual([]);
    expect(normaliseAssignment(['staff'], ['a', 'a', 'b'])).toEqual(['a', 'b']);
    expect(() => normaliseAssignment(['site_manager'], [])).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('patrols', () => {
  it('measures against the grave, else the custody plate, else the site', () => {
    const site = { location: { lat: 1, lng: 1 }, custody: { plateLocation: { lat: 2, lng: 2 } } };
    expect(patrolReference(site, { lat: 3, lng: 3 })).toEqual({ reference: 'grave', point: { lat: 3, lng: 3 } });
    expect(patrolReference(site)).toEqual({ reference: 'plate', point: { lat: 2, lng: 2 } });
    expect(patrolReference({ location: { lat: 1, lng: 1 } })).toEqual({ reference: 'site', point: { lat: 1, lng: 1 } });
    expect(daysSince(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-31T23:00:00Z'))).toBe(30);
  });
});

describe('statistics days and ranges', () => {
  it('uses Shanghai dates and whole calendar days', () => {
    expect(shanghaiDate(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it('defaults to the last 30 days and refuses reversed or over-long ranges', () => {
    expect(resolveRange({}, new Date('2026-03-18T02:00:00Z'))).toEqual({ from: '2026-02-17', to: '2026-03-18' });
    expect(() => resolveRange({ from: '2026-03-02', to: '2026-03-01' }, new Date())).toThrow();
    expect(() => resolveRange({ from: '2026-01-01', to: '2026-04-03' }, new Date())).toThrow();
    expect(resolveRange({ from: '2026-01-01', to: '2026-04-02' }, new Date())).toEqual({ from: '2026-01-01', to: '2026-04-02' });
  });

  it('adds up numbers and per-kind counts into totals', () => {
    expect(
      totalsOf([
        { date: 'a', bookings: 1, tributes: { flower: 1, candle: 0, bow: 0, message: 0 } },
        { date: 'b', bookings: 2, tributes: { flower: 3, candle: 1, bow: 0, message: 0 }, patrols: 1 },
      ]),
    ).toEqual({ bookings: 3, tributes: { flower: 4, candle: 1, bow: 0, message: 0 }, patrols: 1 });
  });
});

describe('site schema', () => {
  it('accepts 24:00 as a closing time (open all day) and nothing later', async () => {
    const { OpeningHoursBody } = await import('../../src/site-admin/schemas.js');
    expect(OpeningHoursBody.safeParse({ open: '00:00', close: '24:00' }).success).toBe(true);
    expect(OpeningHoursBody.safeParse({ open: '00:00', close: '24:30' }).success).toBe(false);
    expect(OpeningHoursBody.safeParse({ open: '8:00', close: '17:00' }).success).toBe(false);
  });
});
