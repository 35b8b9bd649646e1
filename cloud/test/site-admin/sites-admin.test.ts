import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineMeters } from '../../src/sites/geo.js';
import { startApi, type TestApi } from '../helpers.js';
import { adminCreateSite, siteBody, uniqueCode } from './fixtures.js';

describe('managing site records (一处一档)', () => {
  let api: TestApi;
  let admin: { token: string; id: string; username: string };

  beforeAll(async () => {
    api = await startApi({ env: { SITES_INDEX_CHECK_MS: '1000' } });
    admin = await api.staff(['admin']);
  });
  afterAll(() => api.close());

  describe('POST /admin/sites', () => {
    it('creates a site with every archive field, at version 1, and records it in the history', async () => {
      const body = siteBody({
        status: 'draft',
        openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1] },
        phone: '027-88881234',
        intro: '简介',
        visitorNotice: '请文明祭扫',
        custody: { custodian: '张三', organization: '某村委会', agreementNo: 'GH-2024-01', agreementStart: '2024-01-01', agreementEnd: '2026-12-31', plateId: 'P-001' },
        archive: { protectionLevel: '区级', tombType: '土葬墓', inscription: '革命烈士永垂不朽', areaSqm: 12.5, material: '花岗岩', dimensions: '2m×1m', panoramaPhoto: 'https://example.org/p.jpg' },
      });
      const res = await api.request('POST', '/admin/sites', { token: admin.token, body });

      expect(res.status).toBe(201);
      expect(res.headers.get('etag')).toBe('"1"');
      expect(res.body).toMatchObject({ code: body.code, version: 1, status: 'draft', phone: '027-88881234', custody: body.custody, archive: body.archive, coordSystem: 'gcj02' });
      const stored = await api.db.collection('sites').findOne({ code: body.code });
      expect(stored?.archive).toEqual(body.archive);
      const history = await api.request('GET', `/admin/sites/${res.body.id}/history`, { token: admin.token });
      expect(history.body.items).toHaveLength(1);
      expect(history.body.items[0]).toMatchObject({ action: 'site.create', actor: { id: admin.id, name: admin.username } });
      expect(history.body.items[0].changes['custody:custodian']).toEqual({ before: null, after: '张三' });
    });

    it('stores a WGS-84 point entered in Wuhan about 500 m away, converted to GCJ-02', async () => {
      const wgs = { lat: 30.5928, lng: 114.3055 };
      const res = await api.request('POST', '/admin/sites', { token: admin.token, body: siteBody({ location: wgs, coordSystem: 'wgs84' }) });

      expect(res.status).toBe(201);
      const stored = await api.db.collection('sites').findOne({ code: res.body.code });
      const moved = haversineMeters(wgs, stored!.location);
      expect(moved).toBeGreaterThan(400);
      expect(moved).toBeLessThan(700);
      const [lng, lat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02);
      expect(stored!.location.lat).toBeCloseTo(lat, 6);
      expect(stored!.location.lng).toBeCloseTo(lng, 6);
    });

    it('converts a BD-09 point to GCJ-02 (Baidu adds about 1 km more)', async () => {
      const bd = { lat: 30.5988, lng: 114.3120 };
      const res = await api.request('POST', '/admin/sites', { token: admin.token, body: siteBody({ location: bd, coordSystem: 'bd09' }) });
      expect(res.status).toBe(201);
      const [lng, lat] = gcoord.transform([bd.lng, bd.lat], gcoord.BD09, gcoord.GCJ02);
      expect(res.body.location.lat).toBeCloseTo(lat, 6);
      expect(res.body.location.lng).toBeCloseTo(lng, 6);
      expect(haversineMeters(bd, res.body.location)).toBeGreaterThan(500);
    });

    it('refuses a point outside China (latitude and longitude swapped) with 400 naming the field, storing nothing', async () => {
      const body = siteBody({ location: { lat: 114.3, lng: 30.5 } });
      const res = await api.request('POST', '/admin/sites', { token: admin.token, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('location.lat');
      expect(await api.db.collection('sites').countDocuments({ code: body.code })).toBe(0);
    });

    it('answers 409 for a code already in use', async () => {
      const first = await adminCreateSite(api, admin.token);
      const res = await api.request('POST', '/admin/sites', { token: admin.token, body: siteBody({ code: first.code }) });
      expect(res.status).toBe(409);
      expect(await api.db.collection('sites').countDocuments({ code: first.code })).toBe(1);
    });

    it('is for admins only: a site manager gets 403, a citizen 403, nobody 401', async () => {
      const manager = await api.staff(['site_manager'], []);
      const citizen = await api.citizen();
      const body = siteBody();
      expect((await api.request('POST', '/admin/sites', { token: manager.token, body })).status).toBe(403);
      expect((await api.request('POST', '/admin/sites', { token: citizen.token, body })).status).toBe(403);
      expect((await api.request('POST', '/admin/sites', { body })).status).toBe(401);
      expect(await api.db.collection('sites').countDocuments({ code: body.code })).toBe(0);
    });

    it('makes a new published site findable by /sites?near= and /sites/index within 10 seconds, changing the index ETag', async () => {
      const before = await api.request('GET', '/sites/index');
      const etagBefore = before.headers.get('etag');
      const point = { lat: 30.41 + Math.random() * 0.01, lng: 114.01 + Math.random() * 0.01 };
      const created = await adminCreateSite(api, admin.token, { status: 'published', location: point, name: '新建陵园' });

      const started = Date.now();
      let near: any;
      let index: any;
      while (Date.now() - started < 10_000) {
        near = await api.request('GET', `/sites?near=${point.lat},${point.lng}&limit=1`);
        index = await api.request('GET', '/sites/index');
        if (near.body.items[0]?.id === created.id && index.body.items.some((i: { id: string }) => i.id === created.id)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(near.body.items[0]).toMatchObject({ id: created.id, distanceMeters: 0 });
      expect(index.headers.get('etag')).not.toBe(etagBefore);
    });
  });

  describe('PATCH /admin/sites/:id', () => {
    it('with the current version, applies the change, increments the version and records before/after', async () => {
      const site = await adminCreateSite(api, admin.token, { phone: '027-11112222' });
      const res = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '"1"' }, body: { phone: '027-33334444' } });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 2, phone: '027-33334444' });
      expect(res.headers.get('etag')).toBe('"2"');
      const history = await api.request('GET', `/admin/sites/${site.id}/history`, { token: admin.token });
      expect(history.body.items[0]).toMatchObject({ action: 'site.update', actor: { name: admin.username }, changes: { phone: { before: '027-11112222', after: '027-33334444' } } });
      expect(Object.keys(history.body.items[0].changes)).toEqual(['phone']);
      expect(history.body.items[1].action).toBe('site.create');
    });

    it('with a stale version, answers 409 CONFLICT with the current version and leaves the stored record unchanged', async () => {
      const site = await adminCreateSite(api, admin.token, { name: '原名' });
      const first = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '1' }, body: { name: '甲改的名' } });
      expect(first.status).toBe(200);

      const stale = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '1' }, body: { name: '乙改的名', address: '乙的地址' } });

      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('CONFLICT');
      expect(stale.body.error.message).toContain('已被他人修改');
      expect(stale.body.error.details.currentVersion).toBe(2);
      const stored = await api.db.collection('sites').findOne({ code: site.code });
      expect(stored).toMatchObject({ name: '甲改的名', address: site.address, version: 2 });
    });

    it('of two concurrent edits from the same version, exactly one wins', async () => {
      const site = await adminCreateSite(api, admin.token);
      const results = await Promise.all(
        ['甲', '乙', '丙'].map((name) => api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '1' }, body: { name } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const winner = results.find((r) => r.status === 200)!.body.name;
      expect(await api.db.collection('sites').findOne({ code: site.code })).toMatchObject({ name: winner, version: 2 });
    });

    it('without If-Match answers 428 PRECONDITION_REQUIRED; with a malformed one 400; nothing changes', async () => {
      const site = await adminCreateSite(api, admin.token, { name: '不变' });
      const missing = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, body: { name: '变了' } });
      expect(missing.status).toBe(428);
      expect(missing.body.error.code).toBe('PRECONDITION_REQUIRED');
      const bad = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': 'yesterday' }, body: { name: '变了' } });
      expect(bad.status).toBe(400);
      expect(await api.db.collection('sites').findOne({ code: site.code })).toMatchObject({ name: '不变', version: 1 });
    });

    it('lets a site manager edit their own site, and refuses (403) a site not theirs; a citizen gets 403', async () => {
      const mine = await adminCreateSite(api, admin.token);
      const other = await adminCreateSite(api, admin.token, { name: '别人的' });
      const manager = await api.staff(['site_manager'], [mine.id]);
      const citizen = await api.citizen();

      const ok = await api.request('PATCH', `/admin/sites/${mine.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { intro: '管理员更新' } });
      expect(ok.status).toBe(200);
      const refused = await api.request('PATCH', `/admin/sites/${other.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { name: '抢改' } });
      expect(refused.status).toBe(403);
      const byCitizen = await api.request('PATCH', `/admin/sites/${other.id}`, { token: citizen.token, headers: { 'if-match': '1' }, body: { name: '抢改' } });
      expect(byCitizen.status).toBe(403);
      expect(await api.db.collection('sites').findOne({ code: other.code })).toMatchObject({ name: '别人的', version: 1 });
    });

    it('refuses staff (not managers) with 403 even on their own site', async () => {
      const site = await adminCreateSite(api, admin.token);
      const staff = await api.staff(['staff'], [site.id]);
      const res = await api.request('PATCH', `/admin/sites/${site.id}`, { token: staff.token, headers: { 'if-match': '1' }, body: { name: '员工改' } });
      expect(res.status).toBe(403);
    });

    it('converts a moved WGS-84 location, clears a field with null, and keeps the version when nothing changes', async () => {
      const site = await adminCreateSite(api, admin.token, { intro: '将被清除' });
      const moved = await api.request('PATCH', `/admin/sites/${site.id}`, {
        token: admin.token,
        headers: { 'if-match': '1' },
        body: { location: { lat: 30.5928, lng: 114.3055 }, coordSystem: 'wgs84', intro: null },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.intro).toBeUndefined();
      expect(haversineMeters({ lat: 30.5928, lng: 114.3055 }, moved.body.location)).toBeGreaterThan(400);

      const same = await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '2' }, body: { name: site.name } });
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(2);
      const history = await api.request('GET', `/admin/sites/${site.id}/history`, { token: admin.token });
      expect(history.body.items.map((i: { action: string }) => i.action)).toEqual(['site.update', 'site.create']);
      expect(Object.keys(history.body.items[0].changes).sort()).toEqual(['intro', 'location']);
    });

    it('answers 404 for an unknown site and 400 for an empty patch', async () => {
      const site = await adminCreateSite(api, admin.token);
      expect((await api.request('PATCH', '/admin/sites/0123456789abcdef01234567', { token: admin.token, headers: { 'if-match': '1' }, body: { name: 'x' } })).status).toBe(404);
      expect((await api.request('PATCH', `/admin/sites/${site.id}`, { token: admin.token, headers: { 'if-match': '1' }, body: {} })).status).toBe(400);
    });
  });

  describe('reading records and history', () => {
    it('lists only a manager’s own sites, with search, and shows drafts to them', async () => {
      const tag = uniqueCode('名');
      const mine = await adminCreateSite(api, admin.token, { name: `${tag}甲`, status: 'draft' });
      await adminCreateSite(api, admin.token, { name: `${tag}乙` });
      const manager = await api.staff(['site_manager'], [mine.id]);

      const res = await api.request('GET', `/admin/sites?q=${encodeURIComponent(tag)}`, { token: manager.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
      const all = await api.request('GET', `/admin/sites?q=${encodeURIComponent(tag)}`, { token: admin.token });
      expect(all.body.items).toHaveLength(2);
      expect((await api.request('GET', `/admin/sites/${mine.id}`, { token: manager.token })).body).toMatchObject({ status: 'draft', version: 1 });
    });

    it('keeps a site’s history from other managers (403) and lets admins filter the whole audit log', async () => {
      const site = await adminCreateSite(api, admin.token);
      const stranger = await api.staff(['site_manager'], []);
      expect((await api.request('GET', `/admin/sites/${site.id}/history`, { token: stranger.token })).status).toBe(403);
      expect((await api.request('GET', `/admin/audit?siteId=${site.id}`, { token: stranger.token })).status).toBe(403);

      const log = await api.request('GET', `/admin/audit?siteId=${site.id}&action=site.create`, { token: admin.token });
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({ targetType: 'site', targetId: site.id, siteId: site.id });
      const byActor = await api.request('GET', `/admin/audit?actorId=${admin.id}&limit=2`, { token: admin.token });
      expect(byActor.body.items).toHaveLength(2);
      expect(byActor.body.nextCursor).toBeDefined();
      const next = await api.request('GET', `/admin/audit?actorId=${admin.id}&limit=2&cursor=${byActor.body.nextCursor}`, { token: admin.token });
      expect(next.body.items[0].id < byActor.body.items[1].id).toBe(true);
    });
  });
});
