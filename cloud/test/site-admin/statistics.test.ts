import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../src/statistics/days.js';
import { startApi, type TestApi } from '../helpers.js';
import { book, bookableSite, citizen, Clock, slotOf } from '../bookings/fixtures.js';
import { sweepBody } from '../proxy-sweeps/fixtures.js';

// Tribute days come from their ids (the real clock), so the app's clock stays on the real Shanghai date.
const TODAY = shanghaiDate(new Date());

describe('GET /admin/statistics', () => {
  let api: TestApi;
  const clock = new Clock(new Date(`${TODAY}T08:00:00+08:00`));
  let admin: { token: string; id: string; username: string };
  let siteId: string;
  let manager: { token: string; id: string };

  beforeAll(async () => {
    api = await startApi({ now: clock.now });
    admin = await api.staff(['admin']);
    const bookable = await bookableSite(api);
    siteId = bookable.site.id;
    manager = bookable.manager;

    const slot = await slotOf(api, siteId, TODAY, '09:00');
    const visitorA = await citizen(api);
    const visitorB = await citizen(api);
    const first = await book(api, visitorA.token, slot!.id, { partySize: 2 });
    const second = await book(api, visitorB.token, slot!.id, { partySize: 3 });
    if (first.status !== 201 || second.status !== 201) throw new Error(`booking failed: ${first.text} ${second.text}`);
    const checkIn = await api.request('POST', '/admin/bookings/check-in', { token: manager.token, body: { code: first.body.code } });
    if (checkIn.status !== 200) throw new Error(`check-in failed: ${checkIn.text}`);

    for (const kind of ['flower', 'flower', 'bow']) {
      const res = await api.request('POST', '/tributes', { token: visitorA.token, body: { siteId, kind } });
      if (res.status !== 201) throw new Error(`tribute failed: ${res.text}`);
    }
    const sweep = await api.request('POST', '/proxy-sweeps', { token: visitorB.token, body: sweepBody(siteId, undefined, { preferredDate: addDays(TODAY, 3), graveDescription: '东区第三排' }) });
    if (sweep.status !== 201) throw new Error(`sweep failed: ${sweep.text}`);
    const patrol = await api.request('POST', `/admin/sites/${siteId}/patrols`, { token: manager.token, body: { location: bookable.site.location } });
    if (patrol.status !== 201) throw new Error(`patrol failed: ${patrol.text}`);

    const other = await bookableSite(api);
    await api.request('POST', '/tributes', { token: visitorB.token, body: { siteId: other.site.id, kind: 'candle' } });
  });
  afterAll(() => api.close());

  it('counts one site by day: bookings, visitors and check-ins, tributes by kind, sweeps by status, patrols', async () => {
    const res = await api.request('GET', `/admin/statistics?siteId=${siteId}&from=${TODAY}&to=${addDays(TODAY, 3)}`, { token: manager.token });

    expect(res.status).toBe(200);
    expect(res.body.included).toEqual(['bookings', 'tributes', 'sweeps', 'patrols']);
    expect(res.body.days.map((d: { date: string }) => d.date)).toEqual([0, 1, 2, 3].map((n) => addDays(TODAY, n)));
    expect(res.body.days[0]).toMatchObject({ bookings: 2, visitors: 5, checkIns: 1, tributes: { flower: 2, candle: 0, bow: 1, message: 0 }, patrols: 1 });
    expect(res.body.days[3].sweeps.submitted).toBe(1);
    expect(res.body.totals).toMatchObject({ bookings: 2, visitors: 5, checkIns: 1, tributes: { flower: 2, bow: 1, candle: 0 }, patrols: 1, sweeps: { submitted: 1 } });
  });

  it('city-wide for admins, and over a manager’s own sites when no site is named', async () => {
    const city = await api.request('GET', `/admin/statistics?from=${TODAY}&to=${TODAY}`, { token: admin.token });
    expect(city.body.totals.tributes).toMatchObject({ flower: 2, bow: 1, candle: 1 });
    const own = await api.request('GET', `/admin/statistics?from=${TODAY}&to=${TODAY}`, { token: manager.token });
    expect(own.body.totals.tributes).toMatchObject({ flower: 2, bow: 1, candle: 0 });
  });

  it('exports the same report as CSV for Excel (BOM, Chinese headers, one row per day and a total)', async () => {
    const res = await api.request('GET', `/admin/statistics.csv?siteId=${siteId}&from=${TODAY}&to=${addDays(TODAY, 1)}`, { token: manager.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['日期', '预约数', '预约人数', '签到数']);
    const today = Object.fromEntries(header.map((h, i) => [h, lines[1]!.split(',')[i]]));
    expect(today).toMatchObject({ 日期: TODAY, 预约数: '2', 签到数: '1', 献花: '2', 鞠躬: '1', 巡查次数: '1' });
    expect(lines[3]!.startsWith('合计,2,5,1')).toBe(true);
  });

  it('refuses staff (403), a manager asking for another site (403), and a range over 92 days or reversed (400)', async () => {
    const staff = await api.staff(['staff'], [siteId]);
    const stranger = await api.staff(['site_manager'], []);
    expect((await api.request('GET', '/admin/statistics', { token: staff.token })).status).toBe(403);
    expect((await api.request('GET', `/admin/statistics?siteId=${siteId}`, { token: stranger.token })).status).toBe(403);
    expect((await api.request('GET', `/admin/statistics?from=2025-01-01&to=2025-06-01`, { token: admin.token })).status).toBe(400);
    expect((await api.request('GET', `/admin/statistics?from=2025-02-01&to=2025-01-01`, { token: admin.token })).status).toBe(400);
    expect((await api.request('GET', `/admin/statistics?from=2025-02-30`, { token: admin.token })).status).toBe(400);
  });
});
