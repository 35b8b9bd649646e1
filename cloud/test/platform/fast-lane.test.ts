import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/api/handler.js';
import { serve, type RunningServer } from '../../src/server.js';
import { eventFor, SHAPES, type HandlerResult } from './events.js';
import { startApi, type TestApi } from '../helpers.js';
import { createSite, freshArea } from '../sites/fixtures.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  return new Promise((done, reject) => {
    const sized = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(`${base}${path}`, { method, headers: sized }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => new Promise<void>((r) => server.close(() => r()));

/** Headers that must match; Date and keep-alive details are the socket's, not the app's. */
function comparable(r: Raw) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = r.headers;
  return { status: r.status, headers: rest, body: r.body.toString() };
}

describe('fast lane: the home page reads answered in front of Express', () => {
  let api: TestApi;
  let viaHandler: { server: Server; url: string };
  let viaExpress: { server: Server; url: string };
  /** Only the fast lane: 598 = not taken, 599 = taken then handed back (fallback). */
  let laneOnly: { server: Server; url: string };
  let web: RunningServer;
  /** The same local server without the fast lane: Express behind the `compression` middleware. */
  let webExpress: RunningServer;
  let near: string;
  let etag: string;
  /** A published site with opening hours, phone and intro; a draft one (404 to the public). */
  let detailed: string;
  let draft: string;

  beforeAll(async () => {
    api = await startApi();
    const base = freshArea();
    near = `${base.lat},${base.lng}`;
    for (let i = 0; i < 25; i++) {
      await createSite(api, { name: `快车道测试纪念碑${i}`, location: { lat: base.lat + i * 0.002, lng: base.lng + i * 0.001 } });
    }
    detailed = (await createSite(api, { name: '快车道详情纪念馆', location: { lat: base.lat - 0.01, lng: base.lng }, openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1] }, phone: '027-12345678', intro: '介绍文字' })).id;
    draft = (await createSite(api, { status: 'draft', location: { lat: base.lat - 0.02, lng: base.lng } })).id;
    viaHandler = await listen(api.handler);
    viaExpress = await listen(api.app);
    laneOnly = await listen((req, res) => {
      if (api.fastLane(req, res, () => res.writeHead(599).end())) return;
      // Read what was sent before answering, so a keep-alive socket stays in step for the next request.
      req.resume();
      req.on('end', () => res.writeHead(598).end());
    });
    web = await serve({ app: api.app, fastLane: api.fastLane, port: 0, host: '127.0.0.1' });
    webExpress = await serve({ app: api.app, port: 0, host: '127.0.0.1' });
    etag = String((await raw(viaExpress.url, '/api/v1/sites/index')).headers.etag);
  });
  afterAll(async () => {
    await Promise.all([close(viaHandler.server), close(viaExpress.server), close(laneOnly.server), web.close(), webExpress.close()]);
    await api.close();
  });

  const owned = () => [
    `/api/v1/sites?near=${near}&limit=20`,
    `/api/v1/sites?near=${encodeURIComponent(near)}&limit=5&category=monument`,
    `/api/v1/sites?near=${near}&q=${encodeURIComponent('纪念碑1')}`,
    `/api/v1/sites?near=${near}&limit=100&openNow=1`,
    `/api/v1/sites?limit=3&level=county`,
    `/api/v1/sites`,
    // Unknown keys (an operator-looking one too) are stripped by the schema, on both paths.
    `/api/v1/sites?near[$gt]=&limit=2`,
    `/api/v1/sites/index`,
    `/api/v1/sites/${detailed}`,
  ];

  it('answers the same status, headers and bytes as the Express routes, and takes them itself', async () => {
    for (const path of owned()) {
      const headers = { 'x-request-id': 'fast-lane-test' };
      const [fast, slow, lane] = await Promise.all([raw(viaHandler.url, path, headers), raw(viaExpress.url, path, headers), raw(laneOnly.url, path, headers)]);
      expect(comparable(fast), path).toEqual(comparable(slow));
      expect(fast.status, path).toBe(200);
      expect(lane.status, path).toBe(200);
    }
    const nearest = JSON.parse((await raw(viaHandler.url, `/api/v1/sites?near=${near}&limit=20`)).body.toString()) as { items: Array<{ distanceMeters: number }>; nextCursor: string };
    expect(nearest.items).toHaveLength(20);
    expect(nearest.items.map((s) => s.distanceMeters)).toEqual(nearest.items.map((s) => s.distanceMeters).sort((a, b) => a - b));
    expect(nearest.nextCursor).toBeTruthy();
  });

  it('answers the offline index with its ETag, and 304 when the client has it', async () => {
    const headers = { 'if-none-match': etag, 'x-request-id': 'r' };
    const [fast, slow, lane] = await Promise.all([raw(viaHandler.url, '/api/v1/sites/index', headers), raw(viaExpress.url, '/api/v1/sites/index', headers), raw(laneOnly.url, '/api/v1/sites/index', headers)]);
    expect(fast.status).toBe(304);
    expect(lane.status).toBe(304);
    expect(comparable(fast)).toEqual(comparable(slow));
    expect(fast.headers.etag).toBe(etag);
    expect(fast.headers['cache-control']).toBe('public, no-cache');
  });

  it('leaves to Express what it does not own: bad queries, tokens, other methods and paths, bodies', async () => {
    const cases: Array<[string, Record<string, string>, string?, string?]> = [
      ['/api/v1/sites?near=abc', {}],
      ['/api/v1/sites?near=95,114', {}],
      ['/api/v1/sites?limit=0', {}],
      ['/api/v1/sites?limit=100000', {}],
      ['/api/v1/sites?near=30,114&near=31,114', {}],
      ['/api/v1/sites?near=30,114', { authorization: 'Bearer not-a-token' }],
      ['/api/v1/sites/index?x=1', {}],
      ['/api/v1/sites/', {}],
      [`/api/v1/sites/${detailed}?x=1`, {}],
      [`/api/v1/sites/${detailed}/`, {}],
      ['/api/v1/sites/%E7%BA%AA', {}],
      [`/api/v1/sites/${'a'.repeat(65)}`, {}],
      [`/api/v1/sites/${detailed}`, { authorization: 'Bearer not-a-token' }],
      ['/api/v1/sites?near=30,114', { 'content-type': 'application/json' }, 'POST', '{}'],
      ['/api/v1/sites?near=30,114', { 'content-type': 'application/json' }, 'GET', '{"broken'],
    ];
    for (const [path, headers, method, body] of cases) {
      const lane = await raw(laneOnly.url, path, headers, method, body);
      expect(lane.status, `${method ?? 'GET'} ${path}`).toBe(598);
      const [fast, slow] = await Promise.all([raw(viaHandler.url, path, { ...headers, 'x-request-id': 'r' }, method, body), raw(viaExpress.url, path, { ...headers, 'x-request-id': 'r' }, method, body)]);
      expect(comparable(fast), path).toEqual(comparable(slow));
    }
    expect((await raw(viaHandler.url, '/api/v1/sites?near=abc')).status).toBe(400);
    expect((await raw(viaHandler.url, '/api/v1/sites?near=30,114', { authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('answers a site\'s detail as the Express route does, and hands drafts and unknown ids back for its 404', async () => {
    const headers = { 'x-request-id': 'detail' };
    const [fast, slow] = await Promise.all([raw(viaHandler.url, `/api/v1/sites/${detailed}`, headers), raw(viaExpress.url, `/api/v1/sites/${detailed}`, headers)]);
    expect(comparable(fast)).toEqual(comparable(slow));
    const body = JSON.parse(fast.body.toString()) as { id: string; openingHours: unknown; openNow: boolean; phone: string; version: number };
    expect(body).toMatchObject({ id: detailed, openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1] }, phone: '027-12345678' });
    expect(typeof body.openNow).toBe('boolean');
    for (const id of [draft, '000000000000000000000000', 'notanobjectid']) {
      const path = `/api/v1/sites/${id}`;
      expect((await raw(laneOnly.url, path)).status, path).toBe(599);
      const [fastMissing, slowMissing] = await Promise.all([raw(viaHandler.url, path, headers), raw(viaExpress.url, path, headers)]);
      expect(fastMissing.status, path).toBe(404);
      expect(comparable(fastMissing), path).toEqual(comparable(slowMissing));
    }
  });

  it('hands a request back to Express when answering fails, and Express answers it in the error shape', async () => {
    const path = `/api/v1/sites?near=${near}&cursor=not-a-real-cursor`;
    expect((await raw(laneOnly.url, path)).status).toBe(599);
    const fast = await raw(viaHandler.url, path);
    expect(fast.status).toBe(400);
    expect(JSON.parse(fast.body.toString())).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('takes the same requests inside the cloud function (serverless-http events)', async () => {
    const answer = (res: import('node:http').ServerResponse, status: number) => {
      res.statusCode = status;
      res.end();
    };
    const lane = createHandler((req, res) => {
      if (!api.fastLane(req, res, () => answer(res, 599))) answer(res, 598);
    });
    for (const shape of SHAPES) {
      const call = (path: string, query?: Record<string, string>, headers?: Record<string, string>) =>
        lane(eventFor(shape, { method: 'GET', path, query, headers }), {}) as Promise<HandlerResult>;
      expect((await call('/api/v1/sites/index')).statusCode, shape).toBe(200);
      const nearest = await call('/api/v1/sites', { near, limit: '3' });
      expect(nearest.statusCode, shape).toBe(200);
      expect(JSON.parse(nearest.body).items, shape).toHaveLength(3);
      expect((await call('/api/v1/sites/index', undefined, { authorization: 'Bearer x' })).statusCode, shape).toBe(598);
    }
  });

  it('compresses on the local server as the compression middleware does, in one write with its length', async () => {
    const decode = (r: Raw) => {
      const encoding = r.headers['content-encoding'];
      const bytes = encoding === 'br' ? brotliDecompressSync(r.body) : encoding === 'gzip' ? gunzipSync(r.body) : encoding === 'deflate' ? inflateSync(r.body) : r.body;
      return bytes.toString();
    };
    // Everything but how the body is framed: the middleware streams (chunked), the fast lane sends a length.
    const sameAnswer = (r: Raw) => {
      const { 'content-length': _length, 'transfer-encoding': _chunked, ...headers } = comparable(r).headers;
      return { status: r.status, headers, body: decode(r) };
    };
    const acceptEncodings = ['gzip', 'br', 'gzip, deflate, br', 'deflate', 'gzip;q=0.5, br;q=0.8', 'br;q=0, gzip', 'BR', '*', 'identity', 'x-unknown', 'gzip;q=0', 'deflate, gzip;q=1.0, *;q=0.5', 'identity;q=0, *;q=0'];
    const paths = [`/api/v1/sites?near=${near}&limit=20`, `/api/v1/sites?near=${near}&limit=1`, '/api/v1/sites/index'];
    const encodings = new Set<string>();
    for (const path of paths) {
      for (const acceptEncoding of acceptEncodings) {
        const headers = { 'accept-encoding': acceptEncoding, 'x-request-id': 'compress' };
        const [fast, slow] = await Promise.all([raw(web.url, path, headers), raw(webExpress.url, path, headers)]);
        const label = `${path} with ${acceptEncoding}`;
        expect(sameAnswer(fast), label).toEqual(sameAnswer(slow));
        expect(fast.status, label).toBe(200);
        // The fast lane answered (one write, its length), not the middleware (chunked).
        expect(fast.headers['transfer-encoding'], label).toBeUndefined();
        expect(Number(fast.headers['content-length']), label).toBe(fast.body.length);
        if (slow.headers['content-encoding']) expect(slow.headers['transfer-encoding'], label).toBe('chunked');
        encodings.add(String(fast.headers['content-encoding'] ?? 'identity'));
      }
    }
    // The cases reach every outcome: brotli, gzip, deflate and none (below 1 KB or not acceptable).
    expect([...encodings].sort()).toEqual(['br', 'deflate', 'gzip', 'identity']);
    // A 304 carries no body: nothing to compress, no Vary, as with the middleware.
    const conditional = { 'accept-encoding': 'gzip, deflate, br', 'if-none-match': etag, 'x-request-id': 'c' };
    const [fast304, slow304] = await Promise.all([raw(web.url, '/api/v1/sites/index', conditional), raw(webExpress.url, '/api/v1/sites/index', conditional)]);
    expect(fast304.status).toBe(304);
    expect(comparable(fast304)).toEqual(comparable(slow304));
  });

  it('is compressed for phones through the local server, and plain for clients that do not ask', async () => {
    const path = `/api/v1/sites?near=${near}&limit=20`;
    const expected = (await raw(viaExpress.url, path)).body.toString();
    const gz = await raw(web.url, path, { 'accept-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gz.body).toString()).toBe(expected);
    const plain = await raw(web.url, path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(expected);
  });
});
