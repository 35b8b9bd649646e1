import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from './world.js';

/** The lists staff of several sites may call (200 in the matrix) hold only their own sites' objects. */
describe('staff lists are scoped to the caller’s sites', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
    await w.sweepIn('submitted', w.people.citizenA);
    await w.pendingTribute();
    await w.must(201, 'POST', `/admin/sites/${w.site1.id}/patrols`, { token: w.tokens.siteStaff, body: { location: { lat: 30.54, lng: 114.36 }, note: '巡查' } });
  }, 120_000);
  afterAll(() => w.close());

  const siteIdsOf = (items: Array<{ siteId?: string; id?: string }>, key: 'siteId' | 'id' = 'siteId') => [...new Set(items.map((i) => i[key]))];

  it('the sweep queue of site 2’s staff holds none of site 1’s requests; site 1’s staff see theirs', async () => {
    const other = await w.request('GET', '/admin/proxy-sweeps?status=submitted', { token: w.tokens.otherSiteStaff });
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    const own = await w.request('GET', '/admin/proxy-sweeps?status=submitted', { token: w.tokens.siteStaff });
    expect(siteIdsOf(own.body.items)).toEqual([w.site1.id]);
  });

  it('the console’s site list shows site 2’s staff only site 2', async () => {
    const other = await w.request('GET', '/admin/sites', { token: w.tokens.otherSiteStaff });
    expect(siteIdsOf(other.body.items, 'id')).toEqual([w.site2.id]);
  });

  it('the overdue-patrol list of site 2’s staff names only site 2', async () => {
    const other = await w.request('GET', '/admin/patrols/overdue', { token: w.tokens.otherSiteStaff });
    expect(other.status).toBe(200);
    expect(other.body.items.every((i: { siteId?: string; id?: string }) => (i.siteId ?? i.id) === w.site2.id)).toBe(true);
  });

  it('a manager’s review queue holds only their sites’ messages, and a manager of another site may not ask for site 1’s', async () => {
    const mine = await w.request('GET', '/admin/tributes?status=pending', { token: w.tokens.siteManager });
    expect(siteIdsOf(mine.body.items)).toEqual([w.site1.id]);
    const manager2 = await w.api.staff(['site_manager'], [w.site2.id]);
    const theirs = await w.request('GET', '/admin/tributes?status=pending', { token: manager2.token });
    expect(theirs.body.items ?? []).toEqual([]);
    const asked = await w.request('GET', `/admin/tributes?status=pending&siteId=${w.site1.id}`, { token: manager2.token });
    expect(asked.status).toBe(403);
  });

  it('statistics for site 1 are refused to site 2’s manager', async () => {
    const manager2 = await w.api.staff(['site_manager'], [w.site2.id]);
    expect((await w.request('GET', `/admin/statistics?siteId=${w.site1.id}`, { token: manager2.token })).status).toBe(403);
  });
});
