import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTributeIndexes } from '../../src/tributes/repository.js';
import { startApi, type TestApi } from '../helpers.js';
import { tributeMartyr, tributeSite } from './fixtures.js';

describe('POST /tributes with an Idempotency-Key', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const send = (token: string, body: Record<string, unknown>, key?: string) =>
    api.request('POST', '/tributes', { token, body, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
  const stats = async (path: string) => (await api.request('GET', `${path}/tribute-stats`)).body;
  const stored = (filter: Record<string, unknown>) => api.db.collection('tributes').countDocuments(filter);

  it('answers a repeat of the same key and body with the same tribute (200, Idempotent-Replayed) and counts the flower once', async () => {
    const site = await tributeSite(api);
    const martyr = await tributeMartyr(api, site.id);
    const citizen = await api.citizen();
    const key = randomUUID();
    const body = { martyrId: martyr.id, kind: 'flower' };

    const first = await send(citizen.token, body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await send(citizen.token, body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, status: 'published' });
    expect(again.body.stats.flower).toBe(1);

    expect(await stored({ userId: citizen.id })).toBe(1);
    expect((await stats(`/martyrs/${martyr.id}`)).flower).toBe(1);
    expect((await stats(`/sites/${site.id}`)).total).toBe(1);
    expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(1);
    expect((await api.request('GET', `/martyrs/${martyr.id}`)).body.tributeCount).toBe(1);
  });

  it('records two flowers for two different keys, and one for each request without a key', async () => {
    const site = await tributeSite(api);
    const citizen = await api.citizen();
    const body = { siteId: site.id, kind: 'flower' };
    const results = [await send(citizen.token, body, randomUUID()), await send(citizen.token, body, randomUUID()), await send(citizen.token, body), await send(citizen.token, body)];
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(4);
    expect(await stored({ userId: citizen.id })).toBe(4);
    expect((await stats(`/sites/${site.id}`)).flower).toBe(4);
  });

  it('keeps keys per user: another user sending the same key records a tribute of their own', async () => {
    const site = await tributeSite(api);
    const [a, b] = [await api.citizen(), await api.citizen()];
    const key = randomUUID();
    const first = await send(a.token, { siteId: site.id, kind: 'candle' }, key);
    const other = await send(b.token, { siteId: site.id, kind: 'candle' }, key);
    expect([first.status, other.status]).toEqual([201, 201]);
    expect(other.body.id).not.toBe(first.body.id);
    expect(await stored({ userId: b.id })).toBe(1);
    expect((await stats(`/sites/${site.id}`)).candle).toBe(2);
  });

  it('answers the same key with a different body 409 CONFLICT naming the first tribute, and records nothing more', async () => {
    const site = await tributeSite(api);
    const citizen = await api.citizen();
    const key = randomUUID();
    const first = await send(citizen.token, { siteId: site.id, kind: 'flower' }, key);
    const changed = await send(citizen.token, { siteId: site.id, kind: 'bow' }, key);
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('CONFLICT');
    expect(changed.body.error.details.tributeId).toBe(first.body.id);
    expect(await stored({ userId: citizen.id })).toBe(1);
    expect(await stats(`/sites/${site.id}`)).toMatchObject({ flower: 1, bow: 0, total: 1 });
  });

  it('replays a message held for review as pending, without a second copy in the review queue', async () => {
    const site = await tributeSite(api);
    const citizen = await api.citizen();
    const key = randomUUID();
    const body = { siteId: site.id, kind: 'message', message: '请联系 13900001111' };
    const first = await send(citizen.token, body, key);
    expect(first.body.status).toBe('pending');
    const again = await send(citizen.token, body, key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'pending' });
    expect(await stored({ userId: citizen.id, status: 'pending' })).toBe(1);
    expect((await stats(`/sites/${site.id}`)).message).toBe(0);
  });

  it('when eight copies of one request race, records one tribute and counts it once; every copy gets its id', async () => {
    const site = await tributeSite(api);
    const martyr = await tributeMartyr(api, site.id);
    const citizen = await api.citizen();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => send(citizen.token, { martyrId: martyr.id, kind: 'flower' }, key)));

    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await stored({ userId: citizen.id })).toBe(1);
    expect((await stats(`/martyrs/${martyr.id}`)).flower).toBe(1);
    expect((await stats(`/sites/${site.id}`)).flower).toBe(1);
    expect((await api.request('GET', `/sites/${site.id}`)).body.tributeCount).toBe(1);
    const admin = await api.staff(['admin']);
    const report = await api.request('POST', '/admin/tributes/reconcile', { token: admin.token, body: { siteId: site.id } });
    expect(report.body.drifted).toEqual([]);
  });

  it('answers 400 VALIDATION_FAILED naming the header for a malformed key, and stores nothing', async () => {
    const site = await tributeSite(api);
    const citizen = await api.citizen();
    const res = await send(citizen.token, { siteId: site.id, kind: 'flower' }, 'bad key!');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
    expect(await stored({ userId: citizen.id })).toBe(0);
  });

  it('gives tributes stored before keys existed a key of their own when the unique index is first built', async () => {
    const c = api.db.collection('tributes');
    await c.dropIndex('tributes_idem_unique');
    const site = await tributeSite(api);
    const { insertedIds } = await c.insertMany([0, 1].map(() => ({ userId: 'old', kind: 'flower', siteId: site.id, status: 'published', createdAt: new Date() })));
    await ensureTributeIndexes(api.db);
    for (const id of Object.values(insertedIds)) expect((await c.findOne({ _id: id }))?.idemKey).toBe(`none|${id.toHexString()}`);
    expect((await c.listIndexes().toArray()).find((i) => i.name === 'tributes_idem_unique')?.unique).toBe(true);
  });
});
