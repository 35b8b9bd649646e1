import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { offer, tributeMartyr, tributeSite } from './fixtures.js';

describe('online tribute', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const stats = async (path: string) => (await api.request('GET', `${path}/tribute-stats`)).body;
  const wall = async (path: string, query = '') => (await api.request('GET', `${path}/tributes${query}`)).body;

  describe('POST /tributes: validation and authentication', () => {
    it('answers 401 UNAUTHENTICATED to an anonymous tribute and stores nothing', async () => {
      const site = await tributeSite(api);
      const res = await api.request('POST', '/tributes', { body: { siteId: site.id, kind: 'flower' } });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
      expect(await api.db.collection('tributes').countDocuments({ siteId: site.id })).toBe(0);
    });

    it.each([
      ['an unknown kind', (siteId: string) => ({ siteId, kind: 'wreath' }), 'kind'],
      ['no target', () => ({ kind: 'flower' }), 'siteId'],
      ['both a site and a martyr', (siteId: string) => ({ siteId, martyrId: siteId, kind: 'flower' }), 'siteId'],
      ['a message over 200 characters', (siteId: string) => ({ siteId, kind: 'message', message: '敬'.repeat(201) }), 'message'],
      ['kind message without text', (siteId: string) => ({ siteId, kind: 'message' }), 'message'],
      ['a blank message', (siteId: string) => ({ siteId, kind: 'message', message: ' \n ' }), 'message'],
      ['text on a flower', (siteId: string) => ({ siteId, kind: 'flower', message: '致敬' }), 'message'],
      ['a malformed site id', () => ({ siteId: 'abc', kind: 'flower' }), 'siteId'],
    ])('answers 400 VALIDATION_FAILED naming the field for %s', async (_name, body, field) => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      const res = await offer(api, citizen.token, body(site.id));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
      expect(await api.db.collection('tributes').countDocuments({ userId: citizen.id })).toBe(0);
    });

    it('accepts exactly 200 characters and stores the message trimmed', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      const text = `${'缅怀革命先烈'.repeat(33)}致敬`;
      expect([...text]).toHaveLength(200);
      const res = await offer(api, citizen.token, { siteId: site.id, kind: 'message', message: `  ${text}\n` });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('published');
      expect((await api.db.collection('tributes').findOne({ userId: citizen.id }))?.message).toBe(text);
    });

    it('answers 404 for an unknown or draft site and an unknown martyr, 409 for a closed site', async () => {
      const citizen = await api.citizen();
      const draft = await tributeSite(api, { status: 'draft' });
      const closed = await tributeSite(api, { status: 'closed' });
      expect((await offer(api, citizen.token, { siteId: '0123456789abcdef01234567', kind: 'flower' })).status).toBe(404);
      expect((await offer(api, citizen.token, { siteId: draft.id, kind: 'flower' })).status).toBe(404);
      expect((await offer(api, citizen.token, { martyrId: '0123456789abcdef01234567', kind: 'bow' })).status).toBe(404);
      const res = await offer(api, citizen.token, { siteId: closed.id, kind: 'candle' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
      expect(await api.db.collection('tributes').countDocuments({ userId: citizen.id })).toBe(0);
    });
  });

  describe('counting', () => {
    it('counts a flower, a candle and a bow on the site at once and shows them on the wall, newest first', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      const flower = await offer(api, citizen.token, { siteId: site.id, kind: 'flower' });
      expect(flower.status).toBe(201);
      expect(flower.body).toMatchObject({ status: 'published', stats: { flower: 1, candle: 0, bow: 0, message: 0, total: 1 } });
      await offer(api, citizen.token, { siteId: site.id, kind: 'candle' });
      const bow = await offer(api, citizen.token, { siteId: site.id, kind: 'bow' });
      expect(bow.body.stats).toEqual({ flower: 1, candle: 1, bow: 1, message: 0, total: 3 });

      expect(await stats(`/sites/${site.id}`)).toEqual({ flower: 1, candle: 1, bow: 1, message: 0, total: 3 });
      expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(3);
      const items = (await wall(`/sites/${site.id}`)).items;
      expect(items.map((t: { kind: string }) => t.kind)).toEqual(['bow', 'candle', 'flower']);
      expect(items[0]).not.toHaveProperty('userId');
    });

    it('counts a tribute to a martyr for the martyr and for the martyr’s site', async () => {
      const site = await tributeSite(api);
      const martyr = await tributeMartyr(api, site.id, '张英');
      const other = await tributeMartyr(api, site.id, '李勇');
      const citizen = await api.citizen();
      const res = await offer(api, citizen.token, { martyrId: martyr.id, kind: 'flower' });
      expect(res.status).toBe(201);
      expect(res.body.stats).toMatchObject({ flower: 1, total: 1 });
      await offer(api, citizen.token, { siteId: site.id, kind: 'bow' });

      expect(await stats(`/martyrs/${martyr.id}`)).toMatchObject({ flower: 1, bow: 0, total: 1 });
      expect(await stats(`/martyrs/${other.id}`)).toMatchObject({ total: 0 });
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ flower: 1, bow: 1, total: 2 });
      expect((await api.request('GET', `/martyrs/${martyr.id}`)).body.tributeCount).toBe(1);
      expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(2);
      const martyrWall = (await wall(`/martyrs/${martyr.id}`)).items;
      expect(martyrWall).toHaveLength(1);
      expect(martyrWall[0]).toMatchObject({ kind: 'flower', martyrId: martyr.id, martyrName: '张英', siteId: site.id });
      expect((await wall(`/sites/${site.id}`)).items).toHaveLength(2);
    });

    it('pages the wall with a cursor and filters it by kind', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      for (const kind of ['flower', 'bow', 'flower', 'candle', 'flower']) await offer(api, citizen.token, { siteId: site.id, kind });
      const first = await wall(`/sites/${site.id}`, '?limit=2');
      const second = await wall(`/sites/${site.id}`, `?limit=2&cursor=${first.nextCursor}`);
      const third = await wall(`/sites/${site.id}`, `?limit=2&cursor=${second.nextCursor}`);
      expect([...first.items, ...second.items, ...third.items].map((t: { kind: string }) => t.kind)).toEqual(['flower', 'candle', 'flower', 'bow', 'flower']);
      expect(third.nextCursor).toBeUndefined();
      expect((await wall(`/sites/${site.id}`, '?kind=flower')).items).toHaveLength(3);
      expect((await api.request('GET', `/sites/${site.id}/tributes?cursor=nope`)).status).toBe(400);
      expect((await api.request('GET', `/sites/0123456789abcdef01234567/tributes`)).status).toBe(404);
      expect((await api.request('GET', `/martyrs/0123456789abcdef01234567/tribute-stats`)).status).toBe(404);
    });
  });

  describe('messages and moderation', () => {
    it('publishes a sincere message at once and counts it', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      const res = await offer(api, citizen.token, { siteId: site.id, kind: 'message', message: '向革命先烈致敬！您的精神永垂不朽。' });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('published');
      expect(res.body.stats.message).toBe(1);
      expect((await wall(`/sites/${site.id}`)).items[0]).toMatchObject({ kind: 'message', message: '向革命先烈致敬！您的精神永垂不朽。' });
    });

    it.each([
      ['a link', '好消息 请看 www.example.com'],
      ['a phone number', '有需要请打 138 1234 5678'],
      ['profanity', '你们都是傻逼'],
      ['a WeChat id', '加我vx: abc_12345'],
    ])('holds a message with %s pending, out of every public list and count, and shows it to its author as pending', async (_name, text) => {
      const site = await tributeSite(api);
      const martyr = await tributeMartyr(api, site.id);
      const author = await api.citizen();
      const res = await offer(api, author.token, { martyrId: martyr.id, kind: 'message', message: text });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending');
      expect(res.body.stats.message).toBe(0);

      for (const path of [`/sites/${site.id}`, `/martyrs/${martyr.id}`]) {
        expect((await wall(path)).items).toEqual([]);
        expect((await wall(path, '?kind=message')).items).toEqual([]);
        expect(await stats(path)).toMatchObject({ message: 0, total: 0 });
      }
      expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(0);
      const stored = await api.db.collection('tributes').findOne({ userId: author.id });
      expect(stored?.status).toBe('pending');
      expect(stored?.moderation.reasons.length).toBeGreaterThan(0);

      const mine = await api.request('GET', '/tributes/mine', { token: author.token });
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.items[0]).toMatchObject({ id: res.body.id, status: 'pending', message: text, siteName: site.name });
      const stranger = await api.citizen();
      expect((await api.request('GET', '/tributes/mine', { token: stranger.token })).body.items).toEqual([]);
      expect((await api.request('GET', '/tributes/mine')).status).toBe(401);
    });
  });

  describe('review queue', () => {
    async function pendingMessage(siteId: string, text = '详情加微信 hero_12345') {
      const author = await api.citizen();
      const res = await offer(api, author.token, { siteId, kind: 'message', message: text });
      expect(res.body.status).toBe('pending');
      return { author, id: res.body.id as string };
    }

    it('lets a site manager see and approve their site’s pending messages: published, counted, audited, author told', async () => {
      const site = await tributeSite(api);
      const { author, id } = await pendingMessage(site.id);
      const manager = await api.staff(['site_manager'], [site.id]);

      const queue = await api.request('GET', '/admin/tributes?status=pending', { token: manager.token });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((t: { id: string }) => t.id)).toEqual([id]);
      expect(queue.body.items[0].moderation.reasons.map((r: { code: string }) => r.code)).toContain('wechat_id');

      const approved = await api.request('POST', `/admin/tributes/${id}/approve`, { token: manager.token });
      expect(approved.status).toBe(200);
      expect(approved.body).toEqual({ id, status: 'published' });
      expect((await wall(`/sites/${site.id}`)).items.map((t: { id: string }) => t.id)).toEqual([id]);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ message: 1, total: 1 });
      expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(1);

      const audit = await api.services.audit.list({ siteId: site.id, action: 'tribute.approve' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ targetId: id, actor: { id: manager.id, name: manager.username }, changes: { status: { before: 'pending', after: 'published' } } });
      const inbox = await api.request('GET', '/notifications/mine', { token: author.token });
      expect(inbox.body.items).toHaveLength(1);
      expect(inbox.body.items[0]).toMatchObject({ template: 'tribute_approved', page: `pages/site/index?id=${site.id}` });
      expect((await api.request('GET', '/tributes/mine', { token: author.token })).body.items[0].status).toBe('published');

      const again = await api.request('POST', `/admin/tributes/${id}/approve`, { token: manager.token });
      expect(again.status).toBe(409);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ message: 1 });
    });

    it('quotes in the queue the contact as the citizen wrote it (Chinese numerals, full width, spaces), not its folded copy', async () => {
      const site = await tributeSite(api);
      const text = '  我的ＶＸ wx19401 一起，电话 幺三八 1234 五六七八  ';
      const { id } = await pendingMessage(site.id, text);
      const manager = await api.staff(['site_manager'], [site.id]);

      const queue = await api.request('GET', '/admin/tributes?status=pending', { token: manager.token });
      const held = queue.body.items.find((t: { id: string }) => t.id === id);
      expect(held.message).toBe(text.trim());
      expect(held.moderation.reasons).toEqual([
        { code: 'wechat_id', match: 'ＶＸ wx19401 一' },
        { code: 'phone', match: '幺三八 1234 五六七八' },
      ]);
      const stored = await api.db.collection('tributes').findOne({ siteId: site.id });
      expect(stored?.moderation.reasons.map((r: { match: string }) => r.match)).toEqual(['ＶＸ wx19401 一', '幺三八 1234 五六七八']);
    });

    it('rejects with a reason: never shown, the author sees why, audited and told', async () => {
      const site = await tributeSite(api);
      const { author, id } = await pendingMessage(site.id);
      const admin = await api.staff(['admin']);

      expect((await api.request('POST', `/admin/tributes/${id}/reject`, { token: admin.token, body: {} })).status).toBe(400);
      const res = await api.request('POST', `/admin/tributes/${id}/reject`, { token: admin.token, body: { reason: '含有联系方式' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id, status: 'rejected' });

      expect((await wall(`/sites/${site.id}`)).items).toEqual([]);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ message: 0, total: 0 });
      const mine = (await api.request('GET', '/tributes/mine', { token: author.token })).body.items[0];
      expect(mine).toMatchObject({ status: 'rejected', rejectReason: '含有联系方式' });
      const audit = await api.services.audit.list({ siteId: site.id, action: 'tribute.reject' });
      expect(audit[0]).toMatchObject({ targetId: id, note: '含有联系方式' });
      const inbox = (await api.request('GET', '/notifications/mine', { token: author.token })).body.items;
      expect(inbox.map((n: { template: string }) => n.template)).toEqual(['tribute_rejected']);
      expect((await api.request('POST', `/admin/tributes/${id}/approve`, { token: admin.token })).status).toBe(409);
      expect((await wall(`/sites/${site.id}`)).items).toEqual([]);
    });

    it('takes down a published message: off the wall and out of the count', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      const posted = await offer(api, citizen.token, { siteId: site.id, kind: 'message', message: '永远怀念' });
      expect(posted.body.status).toBe('published');
      const admin = await api.staff(['admin']);
      const res = await api.request('POST', `/admin/tributes/${posted.body.id}/reject`, { token: admin.token, body: { reason: '重复内容' } });
      expect(res.status).toBe(200);
      expect((await wall(`/sites/${site.id}`)).items).toEqual([]);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ message: 0, total: 0 });
      expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(0);
    });

    it('forbids citizens and staff from reviewing (403) and changes nothing', async () => {
      const site = await tributeSite(api);
      const { id } = await pendingMessage(site.id);
      const citizen = await api.citizen();
      const staff = await api.staff(['staff'], [site.id]);
      for (const token of [citizen.token, staff.token]) {
        expect((await api.request('POST', `/admin/tributes/${id}/approve`, { token })).status).toBe(403);
        expect((await api.request('POST', `/admin/tributes/${id}/reject`, { token, body: { reason: '不当' } })).status).toBe(403);
        expect((await api.request('GET', '/admin/tributes?status=pending', { token })).status).toBe(403);
      }
      expect((await api.request('POST', `/admin/tributes/${id}/approve`)).status).toBe(401);
      expect((await api.db.collection('tributes').findOne({ message: { $exists: true }, siteId: site.id }))?.status).toBe('pending');
    });

    it('keeps a site manager to their own sites: another site’s messages are neither listed nor reviewable', async () => {
      const mine = await tributeSite(api);
      const theirs = await tributeSite(api);
      const own = await pendingMessage(mine.id);
      const foreign = await pendingMessage(theirs.id);
      const manager = await api.staff(['site_manager'], [mine.id]);

      const queue = await api.request('GET', '/admin/tributes?status=pending', { token: manager.token });
      expect(queue.body.items.map((t: { id: string }) => t.id)).toEqual([own.id]);
      expect((await api.request('GET', `/admin/tributes?status=pending&siteId=${theirs.id}`, { token: manager.token })).status).toBe(403);
      const approve = await api.request('POST', `/admin/tributes/${foreign.id}/approve`, { token: manager.token });
      expect(approve.status).toBe(403);
      expect(approve.body.error.code).toBe('FORBIDDEN');
      expect((await api.request('POST', `/admin/tributes/${foreign.id}/reject`, { token: manager.token, body: { reason: 'x' } })).status).toBe(403);
      expect((await api.db.collection('tributes').findOne({ siteId: theirs.id }))?.status).toBe('pending');

      const admin = await api.staff(['admin']);
      const all = await api.request('GET', '/admin/tributes?status=pending&limit=100', { token: admin.token });
      const ids = all.body.items.map((t: { id: string }) => t.id);
      expect(ids).toContain(own.id);
      expect(ids).toContain(foreign.id);
    });
  });

  describe('rate limits', () => {
    it('lets a person make 20 tributes a minute, then answers 429 RATE_LIMITED with Retry-After', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      for (let i = 0; i < 20; i++) expect((await offer(api, citizen.token, { siteId: site.id, kind: 'bow' })).status).toBe(201);
      const limited = await offer(api, citizen.token, { siteId: site.id, kind: 'bow' });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ bow: 20 });
      // Another person is not affected.
      expect((await offer(api, (await api.citizen()).token, { siteId: site.id, kind: 'bow' })).status).toBe(201);
    });

    it('limits messages to 5 per ten minutes per person', async () => {
      const site = await tributeSite(api);
      const citizen = await api.citizen();
      for (let i = 0; i < 5; i++) {
        expect((await offer(api, citizen.token, { siteId: site.id, kind: 'message', message: `缅怀先烈 第${i + 1}次` })).status).toBe(201);
      }
      const limited = await offer(api, citizen.token, { siteId: site.id, kind: 'message', message: '缅怀先烈' });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await offer(api, citizen.token, { siteId: site.id, kind: 'flower' })).status).toBe(201);
    });
  });

  describe('reconciliation', () => {
    it('reports counters that drifted from the tributes and repairs them on request (admin only)', async () => {
      const site = await tributeSite(api);
      const martyr = await tributeMartyr(api, site.id);
      const citizen = await api.citizen();
      await offer(api, citizen.token, { martyrId: martyr.id, kind: 'flower' });
      await offer(api, citizen.token, { siteId: site.id, kind: 'candle' });
      const admin = await api.staff(['admin']);

      const clean = await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { siteId: site.id } });
      expect(clean.status).toBe(200);
      expect(clean.body).toEqual({ checked: 1, drifted: [], fixed: false });

      // A lost increment (a crash between the insert and the $inc) and a stray one on the martyr document.
      await api.db.collection('tribute_counters').updateOne({ _id: `site:${site.id}` } as never, { $inc: { candle: -1, total: -1 } });
      await api.db.collection('martyrs').updateOne({ name: martyr.name, siteId: site.id }, { $inc: { tributeCount: 2 } });

      const all = await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: {} });
      const drifts = all.body.drifted.filter((d: { target: { id: string } }) => [site.id, martyr.id].includes(d.target.id));
      expect(drifts).toHaveLength(2);
      expect(drifts.find((d: { target: { type: string } }) => d.target.type === 'site')).toMatchObject({
        stored: { candle: 0, total: 1, documentTotal: 2 },
        actual: { flower: 1, candle: 1, total: 2 },
      });
      expect(drifts.find((d: { target: { type: string } }) => d.target.type === 'martyr')).toMatchObject({ stored: { documentTotal: 3 }, actual: { total: 1 } });

      const fixed = await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { siteId: site.id, fix: true } });
      expect(fixed.body.fixed).toBe(true);
      await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { martyrId: martyr.id, fix: true } });
      expect((await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { siteId: site.id } })).body.drifted).toEqual([]);
      expect((await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { martyrId: martyr.id } })).body.drifted).toEqual([]);
      expect(await stats(`/sites/${site.id}`)).toMatchObject({ flower: 1, candle: 1, total: 2 });
      expect((await api.request('GET', `/martyrs/${martyr.id}`)).body.tributeCount).toBe(1);
      expect(await api.services.audit.list({ action: 'tribute.reconcile' })).toHaveLength(2);

      const manager = await api.staff(['site_manager'], [site.id]);
      expect((await api.request('POST', '/admin/tributes/reconcile', { token: manager.token, body: {} })).status).toBe(403);
    });
  });
});
