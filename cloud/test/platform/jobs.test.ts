import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { runJobs, SCHEDULED_JOBS } from '../../src/jobs/scheduled.js';
import { startApi, startFake, type TestApi } from '../helpers.js';

describe('scheduled jobs', () => {
  let api: TestApi;
  let wechat: Awaited<ReturnType<typeof startFake>>;
  let sends = 0;
  let now = new Date('2026-03-01T02:00:00Z');

  beforeAll(async () => {
    wechat = await startFake((_req, url) => {
      if (url.pathname === '/sns/jscode2session') return { body: { openid: `wx-${url.searchParams.get('js_code')}` } };
      if (url.pathname === '/cgi-bin/token') return { body: { access_token: 'tok', expires_in: 7200 } };
      if (url.pathname === '/cgi-bin/message/subscribe/send') {
        sends++;
        return { body: { errcode: 0 } };
      }
      return { status: 404, body: {} };
    });
    api = await startApi({
      now: () => now,
      env: { WECHAT_APPID: 'app', WECHAT_SECRET: 'sec', WECHAT_API_BASE: wechat.url, WECHAT_SUBSCRIBE_TEMPLATES: '{"notice":"TPL"}' },
    });
  });
  afterAll(async () => {
    await api.close();
    await wechat.close();
  });

  it('delivers queued notifications, reconciles counters and sweeps expired rate-limit windows in one run', async () => {
    const login = await api.request('POST', '/auth/wechat', { body: { code: 'zhang' } });
    await api.services.notifications.notify({ userId: login.body.user.id, template: 'notice', title: '公告', body: '清明期间延长开放' });
    await api.services.limiter.hit({ name: 'job-test', limit: 5, windowSeconds: 60 }, 'k');
    now = new Date(now.getTime() + 120_000);

    const reports = await runJobs(api.services, pino({ level: 'silent' }));
    expect(Object.keys(reports)).toEqual(SCHEDULED_JOBS.map((j) => j.name));
    expect(reports['notifications.deliver']).toMatchObject({ sent: 1 });
    expect(sends).toBe(1);
    expect(reports['bookings.reconcile']).toMatchObject({ drifted: 0 });
    expect(reports['tributes.reconcile']).toMatchObject({ drifted: 0 });
    expect((reports['rate-limits.sweep'] as { deleted: number }).deleted).toBeGreaterThanOrEqual(1);
    expect(await api.db.collection('rate_limits').countDocuments({ _id: { $regex: '^job-test:' } } as never)).toBe(0);
  });

  it('keeps going when one job fails and reports the failure', async () => {
    const failing = { name: 'broken', everyMs: 1000, run: async () => Promise.reject(new Error('boom')) };
    const reports = await runJobs(api.services, pino({ level: 'silent' }), [failing, SCHEDULED_JOBS[3]!]);
    expect(reports.broken).toEqual({ error: 'boom' });
    expect(reports['rate-limits.sweep']).toHaveProperty('deleted');
  });
});
