import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { seedDemo } from '../../src/seed/demo.js';
import { WUHAN_DEMO_SITES } from '../../src/seed/wuhan-sites.js';

describe('seedDemo', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { SITES_INDEX_CHECK_MS: '0' } });
  });
  afterAll(() => api.close());

  it('loads at least 70 published sample sites over at least 10 districts, with martyrs and demo staff', async () => {
    const report = await seedDemo(api.services);

    expect(report.sitesCreated).toBeGreaterThanOrEqual(70);
    const index = await api.request('GET', '/sites/index');
    expect(index.body.items.length).toBe(report.sitesCreated);
    expect(new Set(index.body.items.map((i: { district: string }) => i.district)).size).toBeGreaterThanOrEqual(10);
    const stored = await api.db.collection('sites').find({}).toArray();
    expect(stored.every((s) => s.sample === true && s.status === 'published')).toBe(true);
    expect(stored.filter((s) => s.category === 'scattered_grave').length).toBeGreaterThanOrEqual(20);
    expect(await api.db.collection('martyrs').countDocuments({ sample: true })).toBe(report.martyrsCreated);
    expect(stored.reduce((sum, s) => sum + s.martyrCount, 0)).toBe(report.martyrsCreated);
    expect(report.accountsCreated).toEqual(['admin', 'manager1', 'staff1']);
  });

  it('scopes manager1 and staff1 to the first two demo sites by code, and they can sign in', async () => {
    const codes = [...WUHAN_DEMO_SITES.map((s) => s.code)].sort().slice(0, 2);
    const firstTwo = await Promise.all(codes.map((code) => api.services.sites.repository.findByCode(code)));
    for (const username of ['manager1', 'staff1']) {
      const res = await api.request('POST', '/auth/staff', { body: { username, password: 'demo-password-2025' } });
      expect(res.status).toBe(200);
      expect(res.body.user.siteIds).toEqual(firstTwo.map((s) => s!.id));
    }
    const admin = await api.request('POST', '/auth/staff', { body: { username: 'admin', password: 'demo-password-2025' } });
    expect(admin.body.user.roles).toEqual(['admin']);
  });

  it('finds the nearest demo site from a point in Wuhan', async () => {
    const res = await api.request('GET', '/sites?near=30.5262,114.3401&limit=3');
    expect(res.body.items[0].name).toBe('施洋烈士陵园');
    expect(res.body.items[0].distanceMeters).toBeLessThan(5);
  });

  it('adds nothing on a second run', async () => {
    const sites = await api.db.collection('sites').countDocuments();
    const martyrs = await api.db.collection('martyrs').countDocuments();
    const report = await seedDemo(api.services);
    expect(report).toEqual({ sitesCreated: 0, martyrsCreated: 0, accountsCreated: [] });
    expect(await api.db.collection('sites').countDocuments()).toBe(sites);
    expect(await api.db.collection('martyrs').countDocuments()).toBe(martyrs);
    expect(await api.db.collection('staff_accounts').countDocuments()).toBe(3);
  });

  it('refuses to run in production', async () => {
    const prod = await startApi({
      env: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PHONE_ENC_KEY: Buffer.alloc(32, 1).toString('base64'), WECHAT_APPID: 'a', WECHAT_SECRET: 'b' },
    });
    try {
      await expect(seedDemo(prod.services)).rejects.toThrow(/production/);
      expect(await prod.db.collection('sites').countDocuments()).toBe(0);
    } finally {
      await prod.close();
    }
  });
});
