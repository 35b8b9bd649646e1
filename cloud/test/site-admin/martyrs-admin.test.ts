import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { adminCreateSite, uniqueCode } from './fixtures.js';

describe('martyr records in the manager console', () => {
  let api: TestApi;
  let admin: { token: string; id: string; username: string };

  beforeAll(async () => {
    api = await startApi();
    admin = await api.staff(['admin']);
  });
  afterAll(() => api.close());

  it('a site manager adds a martyr to their site (counted, audited), edits it with the version, and a stale edit is 409', async () => {
    const site = await adminCreateSite(api, admin.token);
    const manager = await api.staff(['site_manager'], [site.id]);
    const code = uniqueCode('M');
    const created = await api.request('POST', `/admin/sites/${site.id}/martyrs`, {
      token: manager.token,
      body: { code, name: '刘英', gender: 'female', birthYear: 1921, deathYear: 1946, graveLocation: { lat: 30.5928, lng: 114.3055 }, coordSystem: 'wgs84' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code, name: '刘英', version: 1, siteId: site.id });
    expect(created.body.graveLocation.lng).toBeGreaterThan(114.308);
    expect(await api.db.collection('sites').findOne({ code: site.code })).toMatchObject({ martyrCount: 1 });

    const edited = await api.request('PATCH', `/admin/martyrs/${created.body.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { hometown: '湖北黄陂' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ hometown: '湖北黄陂', version: 2 });
    const stale = await api.request('PATCH', `/admin/martyrs/${created.body.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { hometown: '别处' } });
    expect(stale.status).toBe(409);
    expect(await api.db.collection('martyrs').findOne({ code })).toMatchObject({ hometown: '湖北黄陂', version: 2 });

    const history = await api.request('GET', `/admin/sites/${site.id}/history`, { token: manager.token });
    expect(history.body.items.slice(0, 2).map((i: { action: string }) => i.action)).toEqual(['martyr.update', 'martyr.create']);
    expect(history.body.items[0].changes).toEqual({ hometown: { before: null, after: '湖北黄陂' } });
  });

  it('refuses a second martyr with the same code (409) and birth after death (400)', async () => {
    const site = await adminCreateSite(api, admin.token);
    const code = uniqueCode('M');
    expect((await api.request('POST', `/admin/sites/${site.id}/martyrs`, { token: admin.token, body: { code, name: '甲' } })).status).toBe(201);
    expect((await api.request('POST', `/admin/sites/${site.id}/martyrs`, { token: admin.token, body: { code, name: '乙' } })).status).toBe(409);
    expect((await api.request('POST', `/admin/sites/${site.id}/martyrs`, { token: admin.token, body: { name: '丙', birthYear: 1950, deathYear: 1940 } })).status).toBe(400);
    expect(await api.db.collection('martyrs').countDocuments({ code })).toBe(1);
  });

  it('moves a martyr between two sites the manager runs, moving the counts and showing in both histories', async () => {
    const from = await adminCreateSite(api, admin.token);
    const to = await adminCreateSite(api, admin.token);
    const manager = await api.staff(['site_manager'], [from.id, to.id]);
    const m = (await api.request('POST', `/admin/sites/${from.id}/martyrs`, { token: manager.token, body: { name: '迁移' } })).body;

    const res = await api.request('PATCH', `/admin/martyrs/${m.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { siteId: to.id } });

    expect(res.status).toBe(200);
    expect(res.body.siteId).toBe(to.id);
    expect(await api.db.collection('sites').findOne({ code: from.code })).toMatchObject({ martyrCount: 0 });
    expect(await api.db.collection('sites').findOne({ code: to.code })).toMatchObject({ martyrCount: 1 });
    const fromHistory = await api.request('GET', `/admin/sites/${from.id}/history`, { token: manager.token });
    const toHistory = await api.request('GET', `/admin/sites/${to.id}/history`, { token: manager.token });
    expect(fromHistory.body.items[0]).toMatchObject({ action: 'martyr.move_out', changes: { siteId: { before: from.id, after: to.id } } });
    expect(toHistory.body.items[0].action).toBe('martyr.move_in');
  });

  it('refuses to move a martyr to a site the manager does not run (403), and edits by staff or strangers (403)', async () => {
    const mine = await adminCreateSite(api, admin.token);
    const other = await adminCreateSite(api, admin.token);
    const manager = await api.staff(['site_manager'], [mine.id]);
    const staff = await api.staff(['staff'], [mine.id]);
    const stranger = await api.staff(['site_manager'], [other.id]);
    const m = (await api.request('POST', `/admin/sites/${mine.id}/martyrs`, { token: manager.token, body: { name: '留守' } })).body;

    expect((await api.request('PATCH', `/admin/martyrs/${m.id}`, { token: manager.token, headers: { 'if-match': '1' }, body: { siteId: other.id } })).status).toBe(403);
    expect((await api.request('PATCH', `/admin/martyrs/${m.id}`, { token: staff.token, headers: { 'if-match': '1' }, body: { name: 'x' } })).status).toBe(403);
    expect((await api.request('PATCH', `/admin/martyrs/${m.id}`, { token: stranger.token, headers: { 'if-match': '1' }, body: { name: 'x' } })).status).toBe(403);
    expect((await api.request('POST', `/admin/sites/${other.id}/martyrs`, { token: manager.token, body: { name: 'x' } })).status).toBe(403);
    expect(await api.db.collection('martyrs').findOne({ name: '留守', siteId: mine.id })).toMatchObject({ version: 1 });
    // Staff of the site may read the list (for patrols).
    const list = await api.request('GET', `/admin/sites/${mine.id}/martyrs`, { token: staff.token });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
  });

  it('edits a martyr stored before versions existed as version 1, and a second edit from 1 is then stale', async () => {
    const site = await adminCreateSite(api, admin.token);
    const inserted = await api.db.collection('martyrs').insertOne({ siteId: site.id, name: '旧记录', sample: false, tributeCount: 0, createdAt: new Date(), updatedAt: new Date() });
    const id = inserted.insertedId.toHexString();
    const first = await api.request('PATCH', `/admin/martyrs/${id}`, { token: admin.token, headers: { 'if-match': '1' }, body: { unit: '某部' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await api.request('PATCH', `/admin/martyrs/${id}`, { token: admin.token, headers: { 'if-match': '1' }, body: { unit: '别部' } });
    expect(second.status).toBe(409);
  });
});
