import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/api/handler.js';
import { formWith, makePng } from '../files/images.js';
import { eventFor, SHAPES, type Call, type HandlerResult, type Shape } from '../platform/events.js';
import { buildWorld, type World } from './world.js';

/**
 * The route kinds platform/handler.test.ts does not drive, through each platform's documented event:
 * multipart uploads (binary, base64 in the event), signed-in writes with headers (If-Match,
 * Idempotency-Key), CSV imports, DELETE, and the body-limit errors. Each is compared with the same
 * request to the local server.
 */
describe('every route kind through SCF, CloudBase and AWS API Gateway v1/v2 events', () => {
  let w: World;
  let handler: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    w = await buildWorld();
    handler = createHandler(w.api.handler);
  }, 120_000);
  afterAll(() => w.close());

  const viaHandler = async (shape: Shape, call: Call) => (await handler(eventFor(shape, call) as never, {})) as HandlerResult;
  const json = (r: HandlerResult) => JSON.parse(r.body);
  const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });

  describe.each(SHAPES)('%s', (shape) => {
    it('takes a multipart image upload (binary body, base64 in the event) and stores the exact bytes', async () => {
      const png = makePng(24, 24, SHAPES.indexOf(shape) + 70);
      const encoded = new Response(formWith(png));
      const contentType = encoded.headers.get('content-type')!;
      const bytes = Buffer.from(await encoded.arrayBuffer());
      const fn = await viaHandler(shape, {
        method: 'POST',
        path: '/api/v1/uploads',
        headers: { ...bearer(w.tokens.citizenA), 'content-type': contentType },
        body: bytes,
        base64: true,
      });
      expect(fn.statusCode, fn.body).toBe(201);
      const { url } = json(fn);
      const served = await fetch(new URL(url, w.api.baseUrl.replace(/\/api\/v1$/, '')));
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    });

    it('refuses a non-image upload with 415 as the local server does', async () => {
      const form = formWith(Buffer.from('<html>not an image</html>'), 'x.png', 'image/png');
      const encoded = new Response(form);
      const call: Call = { method: 'POST', path: '/api/v1/uploads', headers: { ...bearer(w.tokens.citizenA), 'content-type': encoded.headers.get('content-type')! }, body: Buffer.from(await encoded.arrayBuffer()), base64: true };
      const fn = await viaHandler(shape, call);
      const local = await w.request('POST', '/uploads', { token: w.tokens.citizenA, raw: form });
      expect(fn.statusCode).toBe(local.status);
      expect(json(fn).error.code).toBe(local.body.error.code);
    });

    it('edits a site with If-Match (200, version + 1), then answers the stale version 409 like the local server', async () => {
      const before = await w.api.services.sites.getSite(w.site1.id);
      const call = (version: number): Call => ({
        method: 'PATCH',
        path: `/api/v1/admin/sites/${w.site1.id}`,
        headers: { ...bearer(w.tokens.siteManager), 'content-type': 'application/json', 'if-match': `"${version}"` },
        body: JSON.stringify({ intro: `经由 ${shape} 修改 ${randomBytes(2).toString('hex')}` }),
      });
      const fn = await viaHandler(shape, call(before.version));
      expect(fn.statusCode, fn.body).toBe(200);
      expect(json(fn).version).toBe(before.version + 1);
      const staleFn = await viaHandler(shape, call(before.version));
      const staleLocal = await w.request('PATCH', `/admin/sites/${w.site1.id}`, { token: w.tokens.siteManager, headers: { 'If-Match': `"${before.version}"` }, body: { intro: 'x' } });
      expect(staleFn.statusCode).toBe(409);
      expect(staleLocal.status).toBe(409);
      expect(json(staleFn).error.code).toBe(staleLocal.body.error.code);
    });

    it('books with an Idempotency-Key through the event; the same key over HTTP replays the same booking', async () => {
      const citizen = await w.someone();
      const key = randomUUID();
      const body = { slotId: w.slot(w.day(2), '14:00'), partySize: 1, contactName: '赵六', contactPhone: '13912345678' };
      const fn = await viaHandler(shape, { method: 'POST', path: '/api/v1/bookings', headers: { ...bearer(citizen.token), 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      expect(fn.statusCode, fn.body).toBe(201);
      expect(json(fn).contactPhone).toBe('139****5678');
      const replay = await w.request('POST', '/bookings', { token: citizen.token, body, headers: { 'Idempotency-Key': key } });
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(json(fn).id);
    });

    it('imports a CSV body (text/csv) like the local server', async () => {
      const code = `DS-${randomBytes(3).toString('hex').toUpperCase()}`;
      const csv = `code,name,level,category,district,address,lat,lng,coordSystem,openingHours,phone,intro\n${code},部署测试纪念碑,county,monument,洪山区,测试路 3 号,30.52,114.33,gcj02,,,\n`;
      const fn = await viaHandler(shape, { method: 'POST', path: '/api/v1/admin/import/sites', headers: { ...bearer(w.tokens.admin), 'content-type': 'text/csv' }, body: csv });
      expect(fn.statusCode, fn.body).toBe(200);
      expect(json(fn)).toMatchObject({ created: 1, updated: 0, failed: [] });
      const local = await w.request('POST', '/admin/import/sites', { token: w.tokens.admin, raw: csv, headers: { 'content-type': 'text/csv' } });
      expect(local.status).toBe(200);
      expect(local.body).toMatchObject({ created: 0, failed: [] });
      expect(await w.api.db.collection('sites').findOne({ code }, { projection: { _id: 0, name: 1, district: 1 } })).toEqual({ name: '部署测试纪念碑', district: '洪山区' });
    });

    it('follows and unfollows (PUT, DELETE) with the result visible over HTTP', async () => {
      const citizen = await w.someone();
      const put = await viaHandler(shape, { method: 'PUT', path: `/api/v1/martyrs/${w.martyr.id}/follow`, headers: bearer(citizen.token) });
      expect(put.statusCode, put.body).toBe(200);
      expect((await w.request('GET', `/martyrs/${w.martyr.id}/follow`, { token: citizen.token })).body).toEqual(json(put));
      const del = await viaHandler(shape, { method: 'DELETE', path: `/api/v1/martyrs/${w.martyr.id}/follow`, headers: bearer(citizen.token) });
      expect(del.statusCode).toBe(200);
      expect((await w.request('GET', `/martyrs/${w.martyr.id}/follow`, { token: citizen.token })).body).toEqual(json(del));
    });

    it.each<[string, Call, number, string]>([
      ['oversized JSON', { method: 'POST', path: '/api/v1/tributes', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'x'.repeat(70_000) }) }, 413, 'PAYLOAD_TOO_LARGE'],
      ['wrong content type', { method: 'POST', path: '/api/v1/tributes', headers: { 'content-type': 'text/plain' }, body: 'flower' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['no token', { method: 'GET', path: '/api/v1/bookings/mine' }, 401, 'UNAUTHENTICATED'],
    ])('answers %s with the local server’s status and error', async (_name, call, status, code) => {
      const fn = await viaHandler(shape, call);
      const local = await w.request(call.method, call.path.replace('/api/v1', ''), { raw: call.body as string | undefined, headers: call.headers });
      expect(local.status).toBe(status);
      expect(fn.statusCode).toBe(status);
      expect(json(fn)).toEqual(local.body);
      expect(json(fn).error.code).toBe(code);
    });
  });
});
