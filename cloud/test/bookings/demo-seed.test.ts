import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../src/bookings/dates.js';
import { demoTemplate, seedDemoBookings } from '../../src/bookings/demo-seed.js';
import { seedDemo } from '../../src/seed/demo.js';
import { startApi, type TestApi } from '../helpers.js';

describe('demo booking templates', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('gives every bookable demo site a template with bookable slots, once', async () => {
    await seedDemo(api.services);
    const sites = await api.services.sites.repository.list({ status: 'published' }, undefined, 200);
    const bookable = sites.filter((s) => s.bookable);
    expect(bookable.length).toBeGreaterThan(0);
    const tomorrow = addDays(shanghaiDate(new Date()), 1);
    for (const site of bookable) {
      expect(await api.services.bookings.templates.findBySite(site.id)).not.toBeNull();
      const res = await api.request('GET', `/sites/${site.id}/slots?date=${tomorrow}`);
      expect(res.body.items.length).toBeGreaterThan(0);
    }
    for (const site of sites.filter((s) => !s.bookable)) expect(await api.services.bookings.templates.findBySite(site.id)).toBeNull();
    expect(await seedDemoBookings(api.services)).toBe(0);
  });

  it('puts a peak-day override on the next Qingming', () => {
    expect(demoTemplate('2025-03-01').overrides[0]!.date).toBe('2025-04-04');
    expect(demoTemplate('2025-05-01').overrides[0]!.date).toBe('2026-04-05');
  });
});
