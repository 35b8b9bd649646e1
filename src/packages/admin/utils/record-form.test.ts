import { describe, expect, it } from 'vitest';
import type { AdminSite, StatsReport } from '@/types/api';
import { changeLines, formatValue } from './history-format';
import { formFromSite, moveDistance, patchFromForm, siteFromForm, validateForm, emptyForm } from './record-form';
import { barPercent, seriesOf } from './stats-chart';

const SITE: AdminSite = {
  id: 's1',
  code: 'WH-1',
  name: '九峰山烈士陵园',
  level: 'provincial',
  category: 'cemetery',
  district: '洪山区',
  city: '武汉',
  address: '九峰乡',
  location: { lat: 30.5431, lng: 114.3587 },
  coordSystem: 'gcj02',
  status: 'published',
  openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1], note: '清明节前后延长开放' },
  phone: '027-11112222',
  photos: [],
  bookable: false,
  custody: { custodian: '张三', plateLocation: { lat: 30.5, lng: 114.3 } },
  archive: { panoramaPhoto: 'https://example.org/p.jpg', material: '花岗岩' },
  martyrCount: 0,
  tributeCount: 0,
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

describe('record form', () => {
  it('sends only what changed: an edited phone is the whole patch', () => {
    const form = { ...formFromSite(SITE), phone: '027-33334444' };
    expect(patchFromForm(SITE, form)).toEqual({ phone: '027-33334444' });
  });

  it('clears an emptied field with null and keeps the plate position and panorama the form does not edit', () => {
    const form = { ...formFromSite(SITE), phone: '', custodian: '李四', material: '' };
    expect(patchFromForm(SITE, form)).toEqual({
      phone: null,
      custody: { plateLocation: { lat: 30.5, lng: 114.3 }, custodian: '李四' },
      archive: { panoramaPhoto: 'https://example.org/p.jpg' },
    });
  });

  it('sends the location with its coordinate system when moved or entered in WGS-84', () => {
    const moved = { ...formFromSite(SITE), lat: '30.6', lng: '114.4' };
    expect(patchFromForm(SITE, moved)).toEqual({ location: { lat: 30.6, lng: 114.4 }, coordSystem: 'gcj02' });
    expect(moveDistance(SITE, moved)).toBeGreaterThan(3000);
    const gps = { ...formFromSite(SITE), coordSystem: 'wgs84' as const };
    expect(patchFromForm(SITE, gps)).toMatchObject({ coordSystem: 'wgs84', location: SITE.location });
  });

  it('flags missing names, swapped coordinates, half-filled hours and bad codes', () => {
    const errors = validateForm({ ...emptyForm(), code: 'bad code', lat: '114.3', lng: '30.5', open: '08:00' }, true);
    expect(Object.keys(errors).sort()).toEqual(['address', 'code', 'district', 'location', 'name', 'openingHours']);
    expect(validateForm(formFromSite(SITE), false)).toEqual({});
  });

  it('keeps the opening-hours note and accepts 24:00 (open all day)', () => {
    const form = { ...formFromSite(SITE), open: '00:00', close: '24:00' };
    expect(validateForm(form, false)).toEqual({});
    expect(patchFromForm(SITE, form)).toEqual({ openingHours: { open: '00:00', close: '24:00', closedWeekdays: [1], note: '清明节前后延长开放' } });
  });

  it('builds a full create body from the form', () => {
    const body = siteFromForm({ ...formFromSite(SITE), code: 'NEW-1' });
    expect(body).toMatchObject({ code: 'NEW-1', location: SITE.location, openingHours: SITE.openingHours, custody: { custodian: '张三' }, archive: { material: '花岗岩' } });
  });
});

describe('history lines', () => {
  it('reads as 字段：旧 → 新 with coordinates and hours in words', () => {
    const lines = changeLines({
      id: 'h', at: '2026-01-01T00:00:00Z', actor: { id: 'a', name: 'admin' }, action: 'site.update', targetType: 'site', targetId: 's1',
      changes: { phone: { before: '027-1', after: '027-2' }, 'custody:custodian': { before: null, after: '李四' }, openingHours: { before: null, after: { open: '08:30', close: '17:00', closedWeekdays: [1] } } },
    });
    expect(lines).toEqual(['电话：027-1 → 027-2', '管护人：（空） → 李四', '开放时间：（空） → 08:30–17:00，周一闭馆']);
    expect(formatValue({ lat: 30.1, lng: 114.2 })).toBe('30.100000, 114.200000');
  });
});

describe('statistics charts', () => {
  it('draws one series per included section, scaled to the busiest day', () => {
    const report: StatsReport = {
      from: '2026-01-01',
      to: '2026-01-02',
      included: ['tributes', 'patrols'],
      days: [
        { date: '2026-01-01', tributes: { flower: 2, candle: 1, bow: 0, message: 0 }, patrols: 0 },
        { date: '2026-01-02', tributes: { flower: 6, candle: 0, bow: 0, message: 0 }, patrols: 1 },
      ],
      totals: { tributes: { flower: 8, candle: 1, bow: 0, message: 0 }, patrols: 1 },
    };
    const series = seriesOf(report);
    expect(series.map((s) => s.key)).toEqual(['tributes', 'patrols']);
    expect(series[0]).toMatchObject({ max: 6, total: 9 });
    expect(barPercent(3, 6)).toBe(50);
    expect(barPercent(0, 6)).toBe(0);
    expect(barPercent(1, 1000)).toBe(4);
  });
});
