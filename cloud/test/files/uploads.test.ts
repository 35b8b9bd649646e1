import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../functions/api/handler.js';
import { sniffImageType } from '../../src/files/service.js';
import { startApi, type TestApi } from '../helpers.js';
import { formWith, makeJpeg, makePng, multipartBody } from './images.js';

const MB = 1024 * 1024;

async function readBytes(api: TestApi, path: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(api.baseUrl.replace(/\/api\/v1$/, '') + path, {
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('uploads and files', () => {
  let api: TestApi;
  let offsetMs = 0;

  beforeAll(async () => {
    api = await startApi({ now: () => new Date(Date.now() + offsetMs) });
  });
  afterAll(() => api.close());

  async function upload(token: string, bytes: Buffer, filename = 'photo.png', type = 'image/png') {
    return api.request('POST', '/uploads', { token, raw: formWith(bytes, filename, type) });
  }

  describe('POST /uploads', () => {
    it('stores a PNG for the signed-in user and answers 201 with an id and a signed url', async () => {
      const user = await api.citizen();
      const png = makePng(20, 20, 3);
      const res = await upload(user.token, png);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), contentType: 'image/png', size: png.length });
      expect(res.body.url).toMatch(new RegExp(`^/api/v1/files/${res.body.id}\\?exp=\\d+&sig=[\\w-]+$`));
      expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThanOrEqual(10 * 60 * 1000);

      const record = await api.db.collection('file_records').findOne({ ownerId: user.id });
      expect(record).toMatchObject({ contentType: 'image/png', size: png.length, purpose: 'upload', isPublic: false });
      const stored = await api.db.collection('uploads.files').findOne({ _id: record!._id });
      expect(stored?.length).toBe(png.length);
    });

    it('decides the type by content: a JPEG named .png with type image/png is stored as image/jpeg', async () => {
      const user = await api.citizen();
      const res = await upload(user.token, makeJpeg(4096), 'looks-like.png', 'image/png');
      expect(res.status).toBe(201);
      expect(res.body.contentType).toBe('image/jpeg');
    });

    it('accepts WebP by content and refuses GIF and text', async () => {
      const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 1)]);
      expect(await sniffImageType(webp)).toBe('image/webp');
      expect(await sniffImageType(Buffer.from('GIF89a' + 'x'.repeat(40)))).toBeNull();
      expect(await sniffImageType(Buffer.from('hello, not an image'))).toBeNull();
    });

    it('when the content is not an image (even named .png), answers 415 and stores nothing', async () => {
      const user = await api.citizen();
      const res = await upload(user.token, Buffer.from('<html><script>alert(1)</script></html>'.repeat(20)), 'evil.png', 'image/png');
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await api.db.collection('file_records').countDocuments({ ownerId: user.id })).toBe(0);
    });

    it('when the file is 6 MB, answers 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
      const user = await api.citizen();
      const big = Buffer.concat([makePng(), Buffer.alloc(6 * MB, 7)]);
      const before = await api.db.collection('uploads.files').countDocuments({});
      const res = await upload(user.token, big);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await api.db.collection('file_records').countDocuments({ ownerId: user.id })).toBe(0);
      expect(await api.db.collection('uploads.files').countDocuments({})).toBe(before);
    });

    it('when a streamed body without Content-Length passes 5 MB, stops reading and answers 413', async () => {
      const user = await api.citizen();
      const { body, contentType } = multipartBody('file', 'big.png', 'image/png', Buffer.concat([makePng(), Buffer.alloc(5 * MB + 10, 1)]));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= body.length) return controller.close();
          const next = body.subarray(sent, sent + 256 * 1024);
          sent += next.length;
          controller.enqueue(next);
        },
      });
      const response = await fetch(`${api.baseUrl}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await api.db.collection('file_records').countDocuments({ ownerId: user.id })).toBe(0);
    });

    it('accepts a file of exactly 5 MB and refuses one byte more with 413', async () => {
      const user = await api.citizen();
      const png = makePng();
      const exact = Buffer.concat([png, Buffer.alloc(5 * MB - png.length, 3)]);
      const res = await upload(user.token, exact);
      expect(res.status).toBe(201);
      expect(res.body.size).toBe(5 * MB);
      const over = await upload(user.token, Buffer.concat([exact, Buffer.from([0])]));
      expect(over.status).toBe(413);
    });

    it('answers 400 without a file field, 415 for a JSON body and 401 without sign-in', async () => {
      const user = await api.citizen();
      const form = new FormData();
      form.append('note', 'no file here');
      const missing = await api.request('POST', '/uploads', { token: user.token, raw: form });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0].path).toBe('file');
      const json = await api.request('POST', '/uploads', { token: user.token, body: { file: 'x' } });
      expect(json.status).toBe(415);
      const anonymous = await api.request('POST', '/uploads', { raw: formWith(makePng()) });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('GET /files/:id', () => {
    it('gives the uploader the same bytes with the content type, an ETag and private caching; 304 on revalidation', async () => {
      const user = await api.citizen();
      const png = makePng(32, 8, 9);
      const { body } = await upload(user.token, png);
      const res = await readBytes(api, `/api/v1/files/${body.id}`, user.token);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(png)).toBe(true);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('private, max-age=600');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await readBytes(api, `/api/v1/files/${body.id}`, user.token, { 'if-none-match': etag });
      expect(again.status).toBe(304);
    });

    it('serves the signed url without any header, and refuses a tampered or expired one with 403', async () => {
      const user = await api.citizen();
      const png = makePng(8, 8, 4);
      const { body } = await upload(user.token, png);
      const ok = await readBytes(api, body.url);
      expect(ok.status).toBe(200);
      expect(ok.bytes.equals(png)).toBe(true);

      const tampered = await readBytes(api, body.url.replace(/sig=./, (m: string) => (m.endsWith('A') ? 'sig=B' : 'sig=A')));
      expect(tampered.status).toBe(403);
      const otherFile = await upload(user.token, makePng(8, 8, 5));
      const swapped = await readBytes(api, body.url.replace(body.id, otherFile.body.id));
      expect(swapped.status).toBe(403);

      offsetMs = 2 * 60 * 60 * 1000;
      try {
        const expired = await readBytes(api, body.url);
        expect(expired.status).toBe(403);
        expect(JSON.parse(expired.bytes.toString()).error.code).toBe('FORBIDDEN');
      } finally {
        offsetMs = 0;
      }
    });

    it('hides a private file from another citizen (404) and asks an anonymous caller to sign in (401)', async () => {
      const owner = await api.citizen();
      const stranger = await api.citizen();
      const { body } = await upload(owner.token, makePng());
      expect((await readBytes(api, `/api/v1/files/${body.id}`, stranger.token)).status).toBe(404);
      expect((await readBytes(api, `/api/v1/files/${body.id}`)).status).toBe(401);
      expect((await readBytes(api, `/api/v1/files/${'0'.repeat(24)}`, owner.token)).status).toBe(404);
      expect((await readBytes(api, `/api/v1/files/not-an-id`, owner.token)).status).toBe(404);
    });

    it('lets the listed readers and the staff of the file site read an attached file, and nobody else', async () => {
      const staff = await api.staff(['staff'], ['site-files-a']);
      const family = await api.citizen();
      const otherStaff = await api.staff(['staff'], ['site-files-b']);
      const admin = await api.staff(['admin']);
      const png = makePng(10, 10, 6);
      const { body } = await upload(staff.token, png);
      await api.services.files.attach([body.id], staff.id, {
        purpose: 'proxy_sweep_proof',
        context: { type: 'proxy_sweep', id: 'sweep-1' },
        siteId: 'site-files-a',
        readerIds: [family.id],
      });
      expect((await readBytes(api, `/api/v1/files/${body.id}`, family.token)).bytes.equals(png)).toBe(true);
      expect((await readBytes(api, `/api/v1/files/${body.id}`, admin.token)).status).toBe(200);
      expect((await readBytes(api, `/api/v1/files/${body.id}`, otherStaff.token)).status).toBe(404);
      const record = await api.db.collection('file_records').findOne({ ownerId: staff.id });
      expect(record).toMatchObject({ purpose: 'proxy_sweep_proof', context: { type: 'proxy_sweep', id: 'sweep-1' }, readerIds: [family.id] });

      // Attached to one sweep, it cannot be attached to another.
      await expect(
        api.services.files.attach([body.id], staff.id, { purpose: 'proxy_sweep_proof', context: { type: 'proxy_sweep', id: 'sweep-2' } }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('serves a public site photo to anyone with long public caching', async () => {
      const manager = await api.staff(['site_manager'], ['site-files-c']);
      const png = makePng(12, 12, 7);
      const { body } = await upload(manager.token, png);
      await api.services.files.attach([body.id], manager.id, { purpose: 'site_photo', context: { type: 'site', id: 'site-files-c' }, siteId: 'site-files-c', isPublic: true });
      const res = await readBytes(api, `/api/v1/files/${body.id}`);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(png)).toBe(true);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });
  });

  describe('through the serverless handler', () => {
    it('returns an uploaded PNG byte for byte, base64-encoded, to an API-gateway event with the signed query', async () => {
      const user = await api.citizen();
      const png = makePng(24, 24, 11);
      const { body } = await upload(user.token, png);
      const url = new URL(body.url, 'http://x');
      const handler = createHandler(api.handler);
      const result = (await handler({
        httpMethod: 'GET',
        path: url.pathname,
        headers: {},
        queryStringParameters: Object.fromEntries(url.searchParams),
        requestContext: { identity: { sourceIp: '10.0.0.1' } },
        body: null,
        isBase64Encoded: false,
      })) as { statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean };
      expect(result.statusCode).toBe(200);
      expect(result.isBase64Encoded).toBe(true);
      expect(result.headers['content-type']).toBe('image/png');
      expect(Buffer.from(result.body, 'base64').equals(png)).toBe(true);

      // Tencent SCF puts the query in `queryString`.
      const scf = (await handler({
        httpMethod: 'GET',
        path: url.pathname,
        headers: {},
        queryString: Object.fromEntries(url.searchParams),
        requestContext: { sourceIp: '10.0.0.2' },
        body: '',
        isBase64Encoded: false,
      })) as { statusCode: number; body: string };
      expect(scf.statusCode).toBe(200);
      expect(Buffer.from(scf.body, 'base64').equals(png)).toBe(true);
    });

    it('accepts a multipart upload sent as a base64-encoded event body, and the bytes read back equal', async () => {
      const user = await api.citizen();
      const png = makePng(40, 30, 12);
      const multipart = multipartBody('file', 'proof.png', 'image/png', png);
      const handler = createHandler(api.handler);
      const uploaded = (await handler({
        httpMethod: 'POST',
        path: '/api/v1/uploads',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': multipart.contentType, 'content-length': String(multipart.body.length) },
        queryStringParameters: null,
        requestContext: { identity: { sourceIp: '10.0.0.3' } },
        body: multipart.body.toString('base64'),
        isBase64Encoded: true,
      })) as { statusCode: number; body: string };
      expect(uploaded.statusCode).toBe(201);
      const { id } = JSON.parse(uploaded.body);
      const back = await readBytes(api, `/api/v1/files/${id}`, user.token);
      expect(back.bytes.equals(png)).toBe(true);

      const read = (await handler({
        httpMethod: 'GET',
        path: `/api/v1/files/${id}`,
        headers: { authorization: `Bearer ${user.token}` },
        queryStringParameters: null,
        requestContext: {},
        body: null,
        isBase64Encoded: false,
      })) as { statusCode: number; body: string; isBase64Encoded: boolean };
      expect(read.statusCode).toBe(200);
      expect(Buffer.from(read.body, 'base64').equals(png)).toBe(true);
    });

    it('answers 413 through the handler for a 6 MB upload', async () => {
      const user = await api.citizen();
      const multipart = multipartBody('file', 'big.png', 'image/png', Buffer.concat([makePng(), Buffer.alloc(6 * MB)]));
      const handler = createHandler(api.handler);
      const result = (await handler({
        httpMethod: 'POST',
        path: '/api/v1/uploads',
        headers: { authorization: `Bearer ${user.token}`, 'content-type': multipart.contentType },
        requestContext: {},
        body: multipart.body.toString('base64'),
        isBase64Encoded: true,
      })) as { statusCode: number; body: string };
      expect(result.statusCode).toBe(413);
      expect(JSON.parse(result.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });
});
