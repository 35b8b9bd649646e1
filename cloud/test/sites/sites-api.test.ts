import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { METRES_PER_DEGREE, createSite, freshArea, uniqueCode } from './fixtures.js';

// Wednesday 2026-03-18, 10:00 in Asia/Shanghai.
const NOW = new Date('2026-03-18T02:00:00Z');

describe('GET /sites', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ now: () => NOW, env: { SITES_INDEX_CHECK_MS: '0' } });
  });
  afterAll(() => api.close());

  describe('with near', () => {
    it('lists the nearest published sites in ascending distance with great-circle distances in metres', async () => {
      const base = freshArea();
      const far = await createSite(api, { name: '远处', location: { lat: base.lat + 0.03, lng: base.lng } });
      const near = await createSite(api, { name: '近处', location: { lat: base.lat + 0.01, lng: base.lng } });
      const middle = await createSite(api, { name: '中间', location: { lat: base.lat - 0.02, lng: base.lng } });

      const res = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=3`);

      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([near.id, middle.id, far.id]);
      const distances = res.body.items.map((s: { distanceMeters: number }) => s.distanceMeters);
      expect(distances[0]).toBeCloseTo(0.01 * METRES_PER_DEGREE, -1);
      expect(distances[1]).toBeCloseTo(0.02 * METRES_PER_DEGREE, -1);
      expect(distances[2]).toBeCloseTo(0.03 * METRES_PER_DEGREE, -1);
      expect(res.body.items[0]).toMatchObject({ code: near.code, name: '近处', location: near.location, level: 'county', category: 'monument' });
    });

    it('pages through distance order with an opaque cursor, without repeats or gaps', async () => {
      const base = freshArea();
      const ids: string[] = [];
      for (let i = 1; i <= 5; i++) ids.push((await createSite(api, { location: { lat: base.lat + i * 0.001, lng: base.lng } })).id);

      const first = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=2`);
      const second = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=2&cursor=${first.body.nextCursor}`);
      const third = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=1&cursor=${second.body.nextCursor}`);

      expect([...first.body.items, ...second.body.items, ...third.body.items].map((s: { id: string }) => s.id)).toEqual(ids);
      expect(second.body.items[0].distanceMeters).toBeGreaterThanOrEqual(first.body.items[1].distanceMeters);
    });

    it('filters by level, category and district', async () => {
      const base = freshArea();
      const district = uniqueCode('区');
      const match = await createSite(api, { level: 'provincial', category: 'cemetery', district, location: { lat: base.lat + 0.02, lng: base.lng } });
      await createSite(api, { level: 'county', category: 'cemetery', district, location: { lat: base.lat + 0.001, lng: base.lng } });
      await createSite(api, { level: 'provincial', category: 'monument', district, location: { lat: base.lat + 0.002, lng: base.lng } });
      await createSite(api, { level: 'provincial', category: 'cemetery', district: '别的区', location: { lat: base.lat + 0.003, lng: base.lng } });

      const res = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=1&level=provincial&category=cemetery&district=${encodeURIComponent(district)}`);

      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([match.id]);
    });

    it('with openNow keeps only sites open at this moment in Shanghai (hours and closed weekdays)', async () => {
      const base = freshArea();
      const open = await createSite(api, { location: { lat: base.lat + 0.004, lng: base.lng }, openingHours: { open: '08:30', close: '17:00' } });
      await createSite(api, { location: { lat: base.lat + 0.001, lng: base.lng }, openingHours: { open: '08:30', close: '17:00', closedWeekdays: [3] } });
      await createSite(api, { location: { lat: base.lat + 0.002, lng: base.lng }, openingHours: { open: '18:00', close: '21:00' } });
      await createSite(api, { location: { lat: base.lat + 0.003, lng: base.lng } });

      const all = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=4`);
      const res = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=4&openNow=true`);

      expect(all.body.items.map((s: { openNow?: boolean }) => s.openNow)).toEqual([false, false, undefined, true]);
      expect(res.body.items.map((s: { id: string }) => s.id)[0]).toBe(open.id);
      expect(res.body.items.every((s: { openNow: boolean }) => s.openNow === true)).toBe(true);
    });

    it('matches q anywhere in the name, ignoring case', async () => {
      const base = freshArea();
      const word = uniqueCode('Qx');
      const hit = await createSite(api, { name: `向警予${word}纪念碑`, location: { lat: base.lat + 0.01, lng: base.lng } });
      await createSite(api, { name: '别的名字', location: { lat: base.lat + 0.001, lng: base.lng } });

      const res = await api.request('GET', `/sites?near=${base.lat},${base.lng}&q=${encodeURIComponent(word.toLowerCase())}`);

      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([hit.id]);
    });

    it('never lists drafts or closed sites', async () => {
      const base = freshArea();
      const published = await createSite(api, { location: { lat: base.lat + 0.003, lng: base.lng } });
      await createSite(api, { status: 'draft', location: { lat: base.lat + 0.001, lng: base.lng } });
      await createSite(api, { status: 'closed', location: { lat: base.lat + 0.002, lng: base.lng } });

      const res = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=1`);

      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([published.id]);
    });
  });

  describe('without near', () => {
    it('orders by level then code and pages with a cursor', async () => {
      const district = uniqueCode('区');
      const base = freshArea();
      const mk = (code: string, level: 'national' | 'county' | 'municipal') =>
        createSite(api, { code: `${district}-${code}`, level, district, location: { lat: base.lat, lng: base.lng } });
      const c2 = await mk('B', 'county');
      const n1 = await mk('Z', 'national');
      const c1 = await mk('A', 'county');
      const m1 = await mk('C', 'municipal');
      await createSite(api, { code: `${district}-D`, district, status: 'draft', location: base });

      const first = await api.request('GET', `/sites?district=${encodeURIComponent(district)}&limit=3`);
      const second = await api.request('GET', `/sites?district=${encodeURIComponent(district)}&limit=3&cursor=${first.body.nextCursor}`);

      expect(first.status).toBe(200);
      expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([n1.id, m1.id, c1.id]);
      expect(first.body.items[0].distanceMeters).toBeUndefined();
      expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([c2.id]);
      expect(second.body.nextCursor).toBeUndefined();
    });

    it('with openNow fills the page with open sites only', async () => {
      const district = uniqueCode('区');
      const base = freshArea();
      const open: string[] = [];
      for (let i = 0; i < 6; i++) {
        const hours = i % 2 === 0 ? { open: '09:00', close: '17:00' } : { open: '09:00', close: '17:00', closedWeekdays: [3] };
        const site = await createSite(api, { code: `${district}-${i}`, district, openingHours: hours, location: base });
        if (i % 2 === 0) open.push(site.id);
      }
      const first = await api.request('GET', `/sites?district=${encodeURIComponent(district)}&openNow=1&limit=2`);
      const second = await api.request('GET', `/sites?district=${encodeURIComponent(district)}&openNow=1&limit=2&cursor=${first.body.nextCursor}`);
      expect([...first.body.items, ...second.body.items].map((s: { id: string }) => s.id)).toEqual(open);
      expect(second.body.nextCursor).toBeUndefined();
    });
  });

  describe('bad input', () => {
    it.each([
      ['near=abc', 'near'],
      ['near=95,114.3', 'near.lat'],
      ['near=30.5,200', 'near.lng'],
      ['limit=0', 'limit'],
      ['limit=100000', 'limit'],
      ['level=city', 'level'],
      ['near=30.5,114.3&cursor=not*a*cursor', 'cursor'],
      ['near=30.5,114.3&cursor=eyJuIjotNX0', 'cursor'],
    ])('GET /sites?%s answers 400 VALIDATION_FAILED naming %s', async (query, field) => {
      const res = await api.request('GET', `/sites?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    });

    it('refuses a distance cursor on a list without near', async () => {
      const base = freshArea();
      await createSite(api, { location: base });
      await createSite(api, { location: base });
      const page = await api.request('GET', `/sites?near=${base.lat},${base.lng}&limit=1`);
      const res = await api.request('GET', `/sites?limit=1&cursor=${page.body.nextCursor}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('GET /sites/:id', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ now: () => NOW });
  });
  afterAll(() => api.close());

  it('answers the detail of a published site with counters and version', async () => {
    const site = await createSite(api, {
      name: '施洋烈士陵园（测试）',
      location: { lat: 30.55, lng: 114.3 },
      openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1], note: '周一闭馆' },
      phone: '027-88888888',
      intro: '简介',
      photos: ['photo-1'],
      visitorNotice: '请文明祭扫',
      bookable: true,
    });
    await api.services.sites.repository.incrementTributeCount(site.id, 3);

    const res = await api.request('GET', `/sites/${site.id}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: site.id,
      code: site.code,
      name: '施洋烈士陵园（测试）',
      level: 'county',
      category: 'monument',
      district: '测试区',
      address: '测试路 1 号',
      location: { lat: 30.55, lng: 114.3 },
      openNow: true,
      status: 'published',
      openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1], note: '周一闭馆' },
      phone: '027-88888888',
      intro: '简介',
      photos: ['photo-1'],
      visitorNotice: '请文明祭扫',
      martyrCount: 0,
      tributeCount: 3,
      bookable: true,
      version: 1,
    });
  });

  it('hides a draft from the public with 404', async () => {
    const draft = await createSite(api, { status: 'draft', location: { lat: 30.5, lng: 114.3 } });
    const res = await api.request('GET', `/sites/${draft.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await api.services.sites.getSite(draft.id)).status).toBe('draft');
  });

  it.each(['0123456789abcdef01234567', 'not-an-id', '%7B%22%24gt%22%3A%22%22%7D'])('answers 404 for the unknown or malformed id %s', async (id) => {
    const res = await api.request('GET', `/sites/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
