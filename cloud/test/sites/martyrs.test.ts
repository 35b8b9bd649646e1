import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { createSite, freshArea, uniqueCode } from './fixtures.js';

describe('martyrs', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { SITES_INDEX_CHECK_MS: '0' } });
  });
  afterAll(() => api.close());

  const addMartyr = (siteId: string, name: string, extra: Record<string, unknown> = {}) =>
    api.services.martyrs.addMartyr({ siteId, name, ...extra });

  describe('GET /sites/:id/martyrs', () => {
    it('lists the martyrs of a site in entry order, pages with a cursor, and counts them on the site', async () => {
      const site = await createSite(api, { location: freshArea() });
      const names = ['张甲', '李乙', '王丙'];
      for (const name of names) await addMartyr(site.id, name, { hometown: '湖北黄陂', deathYear: 1938 });

      const first = await api.request('GET', `/sites/${site.id}/martyrs?limit=2`);
      const second = await api.request('GET', `/sites/${site.id}/martyrs?limit=2&cursor=${first.body.nextCursor}`);

      expect(first.status).toBe(200);
      expect([...first.body.items, ...second.body.items].map((m: { name: string }) => m.name)).toEqual(names);
      expect(first.body.items[0]).toMatchObject({ siteId: site.id, hometown: '湖北黄陂', deathYear: 1938 });
      expect(second.body.nextCursor).toBeUndefined();
      expect((await api.request('GET', `/sites/${site.id}`)).body.martyrCount).toBe(3);
    });

    it('filters by q in name or hometown, treating regex characters literally', async () => {
      const site = await createSite(api, { location: freshArea() });
      await addMartyr(site.id, '刘某某', { hometown: '河南信阳' });
      await addMartyr(site.id, '陈某某', { hometown: '湖北新洲' });
      await addMartyr(site.id, '周.*', { hometown: '湖南' });

      const byName = await api.request('GET', `/sites/${site.id}/martyrs?q=${encodeURIComponent('刘')}`);
      const byHometown = await api.request('GET', `/sites/${site.id}/martyrs?q=${encodeURIComponent('新洲')}`);
      const literal = await api.request('GET', `/sites/${site.id}/martyrs?q=${encodeURIComponent('.*')}`);

      expect(byName.body.items.map((m: { name: string }) => m.name)).toEqual(['刘某某']);
      expect(byHometown.body.items.map((m: { name: string }) => m.name)).toEqual(['陈某某']);
      expect(literal.body.items.map((m: { name: string }) => m.name)).toEqual(['周.*']);
    });

    it('answers 404 for a draft or unknown site, and 400 for a bad cursor', async () => {
      const draft = await createSite(api, { status: 'draft', location: freshArea() });
      await addMartyr(draft.id, '草稿中的烈士');
      expect((await api.request('GET', `/sites/${draft.id}/martyrs`)).status).toBe(404);
      expect((await api.request('GET', '/sites/0123456789abcdef01234567/martyrs')).status).toBe(404);
      const site = await createSite(api, { location: freshArea() });
      const bad = await api.request('GET', `/sites/${site.id}/martyrs?cursor=eyJrIjoiYSJ9`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /martyrs', () => {
    it('searches across published sites by name or hometown and names each site', async () => {
      const tag = uniqueCode('籍');
      const a = await createSite(api, { name: '甲纪念园', location: freshArea() });
      const b = await createSite(api, { name: '乙烈士墓', location: freshArea() });
      const hidden = await createSite(api, { status: 'draft', location: freshArea() });
      await addMartyr(a.id, `赵${tag}`);
      await addMartyr(b.id, '钱某', { hometown: `${tag}村` });
      await addMartyr(hidden.id, `孙${tag}`);

      const res = await api.request('GET', `/martyrs?q=${encodeURIComponent(tag)}`);

      expect(res.status).toBe(200);
      expect(res.body.items.map((m: { name: string; siteName: string }) => [m.name, m.siteName])).toEqual([
        [`赵${tag}`, '甲纪念园'],
        ['钱某', '乙烈士墓'],
      ]);
    });

    it('pages the search with a cursor', async () => {
      const tag = uniqueCode('页');
      const site = await createSite(api, { location: freshArea() });
      for (let i = 0; i < 5; i++) await addMartyr(site.id, `${tag}-${i}`);
      const first = await api.request('GET', `/martyrs?q=${encodeURIComponent(tag)}&limit=3`);
      const second = await api.request('GET', `/martyrs?q=${encodeURIComponent(tag)}&limit=3&cursor=${first.body.nextCursor}`);
      expect([...first.body.items, ...second.body.items].map((m: { name: string }) => m.name)).toEqual([0, 1, 2, 3, 4].map((i) => `${tag}-${i}`));
    });
  });

  describe('GET /martyrs/:id', () => {
    it('answers the martyr with the site name, deeds, grave position and tribute count', async () => {
      const site = await createSite(api, { name: '九峰山（测试）', location: freshArea() });
      const martyr = await addMartyr(site.id, '示例烈士甲', {
        gender: 'male',
        birthYear: 1920,
        deathYear: 1947,
        hometown: '湖北武昌',
        unit: '中原军区',
        deeds: '示例事迹',
        gravePosition: 'A区3排5号',
        graveLocation: { lat: 30.5, lng: 114.5 },
        sample: true,
      });
      expect(await api.services.martyrs.repository.incrementTributeCount(martyr.id, 2)).toBe(true);

      const res = await api.request('GET', `/martyrs/${martyr.id}`);

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: martyr.id,
        name: '示例烈士甲',
        siteId: site.id,
        siteName: '九峰山（测试）',
        gender: 'male',
        birthYear: 1920,
        deathYear: 1947,
        hometown: '湖北武昌',
        unit: '中原军区',
        deeds: '示例事迹',
        gravePosition: 'A区3排5号',
        sample: true,
        tributeCount: 2,
      });
      const stored = await api.db.collection('martyrs').findOne({ name: '示例烈士甲' });
      expect(stored?.tributeCount).toBe(2);
    });

    it('answers 404 for a martyr of a draft site, an unknown id and a malformed id', async () => {
      const draft = await createSite(api, { status: 'draft', location: freshArea() });
      const martyr = await addMartyr(draft.id, '草稿烈士');
      expect((await api.request('GET', `/martyrs/${martyr.id}`)).status).toBe(404);
      expect((await api.request('GET', '/martyrs/0123456789abcdef01234567')).status).toBe(404);
      expect((await api.request('GET', '/martyrs/xyz')).status).toBe(404);
    });
  });

  describe('counters', () => {
    it('adds tributes to a site atomically under concurrent increments and reports false for an unknown site', async () => {
      const site = await createSite(api, { location: freshArea() });
      await Promise.all(Array.from({ length: 20 }, () => api.services.sites.repository.incrementTributeCount(site.id, 1)));
      expect((await api.services.sites.getSite(site.id)).tributeCount).toBe(20);
      expect(await api.services.sites.repository.incrementTributeCount('0123456789abcdef01234567', 1)).toBe(false);
    });

    it('refuses a martyr for an unknown site with 404 and stores nothing', async () => {
      await expect(addMartyr('0123456789abcdef01234567', '无处可归')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await api.db.collection('martyrs').countDocuments({ name: '无处可归' })).toBe(0);
    });
  });

  describe('site writes', () => {
    it('refuses a duplicate code with 409 and a stale version with 409, keeping the stored site', async () => {
      const site = await createSite(api, { location: freshArea() });
      await expect(createSite(api, { code: site.code, location: freshArea() })).rejects.toMatchObject({ code: 'CONFLICT' });
      const updated = await api.services.sites.updateSite(site.id, 1, { name: '新名字', level: 'national' });
      expect(updated).toMatchObject({ version: 2, name: '新名字', sortKey: `0:${site.code}` });
      await expect(api.services.sites.updateSite(site.id, 1, { name: '过期' })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await api.services.sites.getSite(site.id)).name).toBe('新名字');
    });
  });
});
