import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { tributeMartyr, tributeSite } from './fixtures.js';

function decode(png: Buffer): { text: string; width: number } {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('no QR code found in the image');
  return { text: code.data, width: image.width };
}

describe('GET /martyrs/:id/qr.png', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ env: { PUBLIC_BASE_URL: 'https://memorial.example.cn/h5/' } });
  });
  afterAll(() => api.close());

  it('is a PNG QR code that opens the martyr’s page, printable at the asked size', async () => {
    const site = await tributeSite(api);
    const martyr = await tributeMartyr(api, site.id);
    const res = await fetch(`${api.baseUrl}/martyrs/${martyr.id}/qr.png?size=300`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    const { text, width } = decode(png);
    expect(text).toBe(`https://memorial.example.cn/h5/#/pages/martyr/index?id=${martyr.id}`);
    expect(width).toBe(300);
    expect(decode(Buffer.from(await (await fetch(`${api.baseUrl}/martyrs/${martyr.id}/qr.png`)).arrayBuffer())).width).toBe(512);
  });

  it('answers 404 for an unknown martyr or one at a draft site, 400 for a bad size', async () => {
    const draft = await tributeSite(api, { status: 'draft' });
    const hidden = await tributeMartyr(api, draft.id);
    expect((await api.request('GET', '/martyrs/0123456789abcdef01234567/qr.png')).status).toBe(404);
    expect((await api.request('GET', `/martyrs/${hidden.id}/qr.png`)).status).toBe(404);
    const site = await tributeSite(api);
    const martyr = await tributeMartyr(api, site.id);
    const bad = await api.request('GET', `/martyrs/${martyr.id}/qr.png?size=5000`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
