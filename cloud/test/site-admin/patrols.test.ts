import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formWith, makePng } from '../files/images.js';
import { startApi, type TestApi } from '../helpers.js';
import { adminCreateSite } from './fixtures.js';

/** About 111 m per 0.001° of latitude. */
const GRAVE = { lat: 30.6, lng: 114.2 };

describe('custody patrols of scattered graves', () => {
  let api: TestApi;
  let now = new Date('2026-03-18T02:00:00Z');
  let admin: { token: string; id: string; username: string };

  beforeAll(async () => {
    api = await startApi({ now: () => now });
    admin = await api.staff(['admin']);
  });
  afterAll(() => api.close());

  async function upload(token: string, seed: number): Promise<string> {
    const res = await api.request('POST', '/uploads', { token, raw: formWith(makePng(16, 16, seed)) });
    if (res.status !== 201) throw new Error(`upload failed ${res.status} ${res.text}`);
    return res.body.id;
  }

  it('staff log a patrol near the grave with photos: 201, distance recorded, not flagged, shown as the site’s last patrol', async () => {
    const site = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE });
    const staff = await api.staff(['staff'], [site.id]);
    const photo = await upload(staff.token, 1);

    const res = await api.request('POST', `/admin/sites/${site.id}/patrols`, {
      token: staff.token,
      body: { location: { lat: GRAVE.lat + 0.0005, lng: GRAVE.lng }, condition: 'needs_cleaning', note: '杂草较多', photos: [photo] },
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ siteId: site.id, reference: 'site', flagged: false, condition: 'needs_cleaning', by: { id: staff.id, name: staff.username } });
    expect(res.body.distanceMeters).toBeGreaterThan(45);
    expect(res.body.distanceMeters).toBeLessThan(65);
    expect(res.body.photos[0].id).toBe(photo);
    expect(res.body.photos[0].url).toContain(`/files/${photo}?`);
    const file = await api.db.collection('file_records').findOne({ purpose: 'patrol_photo', 'context.id': res.body.id });
    expect(file?.siteId).toBe(site.id);
    const record = await api.request('GET', `/admin/sites/${site.id}`, { token: staff.token });
    expect(record.body.lastPatrol).toMatchObject({ id: res.body.id, by: staff.username, condition: 'needs_cleaning', flagged: false });
    expect(await api.db.collection('audit_log').countDocuments({ action: 'patrol.create', siteId: site.id })).toBe(1);
  });

  it('flags a patrol logged far from the grave, measuring to the grave’s own position (WGS-84 input converted)', async () => {
    const site = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE });
    const martyr = (await api.request('POST', `/admin/sites/${site.id}/martyrs`, { token: admin.token, body: { name: '无名烈士', graveLocation: { lat: GRAVE.lat + 0.01, lng: GRAVE.lng } } })).body;
    const staff = await api.staff(['staff'], [site.id]);

    // The raw WGS-84 reading of the grave's GCJ-02 position is ~500 m off; converted, it is at the grave.
    const atGrave = await api.request('POST', `/admin/sites/${site.id}/patrols`, {
      token: staff.token,
      body: { martyrId: martyr.id, location: { lat: GRAVE.lat + 0.01 + 0.0024, lng: GRAVE.lng - 0.0053 }, coordSystem: 'wgs84' },
    });
    expect(atGrave.status).toBe(201);
    expect(atGrave.body).toMatchObject({ reference: 'grave', flagged: false });
    expect(atGrave.body.distanceMeters).toBeLessThan(100);

    const far = await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: staff.token, body: { martyrId: martyr.id, location: GRAVE } });
    expect(far.status).toBe(201);
    expect(far.body).toMatchObject({ reference: 'grave', flagged: true });
    expect(far.body.distanceMeters).toBeGreaterThan(1000);
    expect(await api.db.collection('patrols').findOne({ _id: new (await import('mongodb')).ObjectId(far.body.id) })).toMatchObject({ flagged: true, day: '2026-03-18' });
  });

  it('refuses staff of another site (403), a citizen (403), someone else’s photo (400) and a martyr of another site (400)', async () => {
    const site = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE });
    const other = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE });
    const staff = await api.staff(['staff'], [site.id]);
    const outsider = await api.staff(['staff'], [other.id]);
    const citizen = await api.citizen();
    const body = { location: GRAVE };
    expect((await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: outsider.token, body })).status).toBe(403);
    expect((await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: citizen.token, body })).status).toBe(403);
    const foreignPhoto = await upload(outsider.token, 2);
    expect((await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: staff.token, body: { ...body, photos: [foreignPhoto] } })).status).toBe(400);
    const otherMartyr = (await api.request('POST', `/admin/sites/${other.id}/martyrs`, { token: admin.token, body: { name: '别处' } })).body;
    expect((await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: staff.token, body: { ...body, martyrId: otherMartyr.id } })).status).toBe(400);
    expect(await api.db.collection('patrols').countDocuments({ siteId: site.id })).toBe(0);
  });

  it('lists scattered graves overdue for a patrol, never-patrolled first, only within the manager’s sites', async () => {
    const never = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE, name: '从未巡查' });
    const old = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE, name: '久未巡查' });
    const recent = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: GRAVE, name: '刚巡查' });
    const cemetery = await adminCreateSite(api, admin.token, { category: 'cemetery', location: GRAVE });
    const manager = await api.staff(['site_manager'], [never.id, old.id, recent.id, cemetery.id]);

    const started = now;
    now = new Date(started.getTime() - 120 * 86_400_000);
    await api.request('POST', `/admin/sites/${old.id}/patrols`, { token: manager.token, body: { location: GRAVE } });
    now = new Date(started.getTime() - 5 * 86_400_000);
    await api.request('POST', `/admin/sites/${recent.id}/patrols`, { token: manager.token, body: { location: GRAVE } });
    now = started;

    const res = await api.request('GET', '/admin/patrols/overdue?days=90', { token: manager.token });

    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([never.id, old.id]);
    expect(res.body.items[1].daysSince).toBe(120);
    expect(res.body.items[0].lastPatrolAt).toBeUndefined();
    const list = await api.request('GET', `/admin/sites/${old.id}/patrols`, { token: manager.token });
    expect(list.body.items).toHaveLength(1);
  });
});
