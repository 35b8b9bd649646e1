import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { offer, tributeMartyr, tributeSite } from './fixtures.js';

/** Runs `tasks` with at most `width` in flight at once. */
async function inBatches<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) {
    results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  }
  return results;
}

describe('tributes under concurrency', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('1,000 concurrent flowers on one site from 100 people raise every count by exactly 1,000, with zero drift', { timeout: 180_000 }, async () => {
    const site = await tributeSite(api);
    const martyr = await tributeMartyr(api, site.id);
    const citizen = await api.citizen();
    // Counts that were already there must be kept, not overwritten.
    await offer(api, citizen.token, { siteId: site.id, kind: 'flower' });
    await offer(api, citizen.token, { martyrId: martyr.id, kind: 'flower' });
    const before = (await api.request('GET', `/sites/${site.id}/tribute-stats`)).body;
    expect(before.flower).toBe(2);

    const people = await inBatches(Array.from({ length: 100 }, () => () => api.citizen()), 20);
    // Each person offers 10 flowers (a normal pace is allowed: at least 10 a minute); half go to the martyr.
    const tasks = people.flatMap((person, p) =>
      Array.from({ length: 10 }, (_, i) => () => offer(api, person.token, (p + i) % 2 === 0 ? { siteId: site.id, kind: 'flower' } : { martyrId: martyr.id, kind: 'flower' })),
    );
    const started = performance.now();
    const responses = await inBatches(tasks, 100);
    const seconds = (performance.now() - started) / 1000;
    console.log(`[tributes] 1,000 concurrent flower tributes (100 in flight) took ${seconds.toFixed(2)} s (${Math.round(1000 / seconds)}/s)`);

    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const after = (await api.request('GET', `/sites/${site.id}/tribute-stats`)).body;
    expect(after.flower - before.flower).toBe(1000);
    expect(after.total - before.total).toBe(1000);
    expect((await api.request('GET', `/martyrs/${martyr.id}/tribute-stats`)).body.flower).toBe(1 + 500);
    expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(1002);
    expect((await api.request('GET', `/martyrs/${martyr.id}`)).body.tributeCount).toBe(501);
    expect(await api.db.collection('tributes').countDocuments({ siteId: site.id, kind: 'flower', status: 'published' })).toBe(1002);

    const admin = await api.staff(['admin']);
    for (const body of [{ siteId: site.id }, { martyrId: martyr.id }]) {
      const report = await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body });
      expect(report.body).toEqual({ checked: 1, drifted: [], fixed: false });
    }
  });

  it('two managers approving the same message at once publish and count it once', async () => {
    const site = await tributeSite(api);
    const author = await api.citizen();
    const posted = await offer(api, author.token, { siteId: site.id, kind: 'message', message: '联系电话 13900001111' });
    expect(posted.body.status).toBe('pending');
    const [a, b] = await Promise.all([api.staff(['admin']), api.staff(['site_manager'], [site.id])]);
    const results = await Promise.all([a, b, a, b].map((m) => api.request('POST', `/admin/tributes/${posted.body.id}/approve`, { token: m.token })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await api.request('GET', `/sites/${site.id}/tribute-stats`)).body.message).toBe(1);
    expect(await api.services.audit.list({ siteId: site.id, action: 'tribute.approve' })).toHaveLength(1);
  });
});
