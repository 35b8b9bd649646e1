import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { tributeMartyr, tributeSite } from '../tributes/fixtures.js';

describe('follows and site notices', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('PUT/DELETE /sites/:id/follow and /martyrs/:id/follow', () => {
    it('follows a site once however often asked, lists it as mine, and unfollows', async () => {
      const site = await tributeSite(api, { name: '关注测试陵园' });
      const citizen = await api.citizen();
      expect((await api.request('GET', `/sites/${site.id}/follow`, { token: citizen.token })).body).toEqual({ following: false, followers: 0 });

      const first = await api.request('PUT', `/sites/${site.id}/follow`, { token: citizen.token });
      const second = await api.request('PUT', `/sites/${site.id}/follow`, { token: citizen.token });
      expect(first.status).toBe(200);
      expect(second.body).toEqual({ following: true, followers: 1 });
      expect(await api.db.collection('follows').countDocuments({ userId: citizen.id })).toBe(1);

      const mine = await api.request('GET', '/follows/mine', { token: citizen.token });
      expect(mine.body.items).toEqual([expect.objectContaining({ targetType: 'site', targetId: site.id, name: '关注测试陵园', siteId: site.id })]);

      const off = await api.request('DELETE', `/sites/${site.id}/follow`, { token: citizen.token });
      expect(off.body).toEqual({ following: false, followers: 0 });
      expect((await api.request('GET', '/follows/mine', { token: citizen.token })).body.items).toEqual([]);
    });

    it('follows a martyr, by name, keeping the martyr’s site', async () => {
      const site = await tributeSite(api);
      const martyr = await tributeMartyr(api, site.id, '王烈');
      const citizen = await api.citizen();
      const res = await api.request('PUT', `/martyrs/${martyr.id}/follow`, { token: citizen.token });
      expect(res.body).toEqual({ following: true, followers: 1 });
      const mine = await api.request('GET', '/follows/mine', { token: citizen.token });
      expect(mine.body.items[0]).toMatchObject({ targetType: 'martyr', targetId: martyr.id, name: '王烈', siteId: site.id });
      expect((await api.request('GET', `/sites/${site.id}/follow`, { token: citizen.token })).body.following).toBe(false);
    });

    it('needs a signed-in caller (401) and a known, public target (404)', async () => {
      const site = await tributeSite(api);
      const draft = await tributeSite(api, { status: 'draft' });
      const citizen = await api.citizen();
      expect((await api.request('PUT', `/sites/${site.id}/follow`)).status).toBe(401);
      expect((await api.request('PUT', `/sites/${draft.id}/follow`, { token: citizen.token })).status).toBe(404);
      expect((await api.request('PUT', '/martyrs/0123456789abcdef01234567/follow', { token: citizen.token })).status).toBe(404);
      expect((await api.request('PUT', '/sites/not-an-id/follow', { token: citizen.token })).status).toBe(400);
    });
  });

  describe('POST /admin/sites/:id/notices', () => {
    it('tells everyone following the site or one of its martyrs, once each, audits the notice, and lists it publicly', async () => {
      const site = await tributeSite(api, { name: '公告测试陵园' });
      const martyr = await tributeMartyr(api, site.id);
      const followers = await Promise.all([api.citizen(), api.citizen(), api.citizen()]);
      for (const f of followers) await api.request('PUT', `/sites/${site.id}/follow`, { token: f.token });
      const martyrFollower = await api.citizen();
      await api.request('PUT', `/martyrs/${martyr.id}/follow`, { token: martyrFollower.token });
      // Following both the site and a martyr there is still one notification.
      await api.request('PUT', `/martyrs/${martyr.id}/follow`, { token: followers[0]!.token });
      const bystander = await api.citizen();
      const elsewhere = await tributeSite(api);
      await api.request('PUT', `/sites/${elsewhere.id}/follow`, { token: bystander.token });
      const manager = await api.staff(['site_manager'], [site.id]);

      const res = await api.request('POST', `/admin/sites/${site.id}/notices`, {
        token: manager.token,
        body: { title: '清明期间开放时间调整', body: '4月4日至6日 7:00–18:00 开放，请预约入园。' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ siteId: site.id, title: '清明期间开放时间调整', notified: 4 });

      for (const f of [...followers, martyrFollower]) {
        const inbox = (await api.request('GET', '/notifications/mine', { token: f.token })).body.items;
        expect(inbox).toEqual([expect.objectContaining({ template: 'site_notice', title: '公告测试陵园发布公告', body: '清明期间开放时间调整', page: `pages/site/index?id=${site.id}` })]);
      }
      expect((await api.request('GET', '/notifications/mine', { token: bystander.token })).body.items).toEqual([]);
      const audit = await api.services.audit.list({ siteId: site.id, action: 'site.notice' });
      expect(audit[0]).toMatchObject({ targetId: res.body.id, actor: { id: manager.id } });
      const list = await api.request('GET', `/sites/${site.id}/notices`);
      expect(list.body.items.map((n: { id: string }) => n.id)).toEqual([res.body.id]);
    });

    it('refuses citizens, staff and other sites’ managers (403), and an empty notice (400)', async () => {
      const site = await tributeSite(api);
      const other = await tributeSite(api);
      const body = { title: '通知', body: '内容' };
      const citizen = await api.citizen();
      const staff = await api.staff(['staff'], [site.id]);
      const foreignManager = await api.staff(['site_manager'], [other.id]);
      for (const token of [citizen.token, staff.token, foreignManager.token]) {
        expect((await api.request('POST', `/admin/sites/${site.id}/notices`, { token, body })).status).toBe(403);
      }
      const admin = await api.staff(['admin']);
      const empty = await api.request('POST', `/admin/sites/${site.id}/notices`, { token: admin.token, body: { title: ' ', body: '' } });
      expect(empty.status).toBe(400);
      expect((await api.request('GET', `/sites/${site.id}/notices`)).body.items).toEqual([]);
    });
  });
});
