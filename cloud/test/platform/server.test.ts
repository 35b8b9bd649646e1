import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, serve, type RunningServer } from '../../src/server.js';
import { startApi, type TestApi } from '../helpers.js';

/** Raw GET (fetch would decompress and hide the encoding). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((done, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local server: API and the built H5 app from one origin', () => {
  let api: TestApi;
  let server: RunningServer;
  let staticDir: string;
  const script = `console.log(${JSON.stringify('纪念'.repeat(2000))});\n`;
  const html = `<!DOCTYPE html><html><head><script type="module" src="/js/app.3df8536f.js"></script></head><body>${'<div id="app"></div>'.repeat(100)}</body></html>`;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'memorial-map-h5-'));
    mkdirSync(join(staticDir, 'js'));
    writeFileSync(join(staticDir, 'index.html'), html);
    writeFileSync(join(staticDir, 'js', 'app.3df8536f.js'), script);
    writeFileSync(join(staticDir, 'manifest.json'), '{}');
    api = await startApi();
    server = await serve({ app: api.app, fastLane: api.fastLane, port: 0, host: '127.0.0.1', staticDir });
  });
  afterAll(async () => {
    await server.close();
    await api.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves index.html at / brotli-compressed, revalidated on every visit (no-cache)', async () => {
    const res = await rawGet(`${server.url}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(res.bytes).toString()).toBe(html);
  });

  it('serves a hashed asset gzip-compressed to a gzip-only client, cached for a year as immutable', async () => {
    const res = await rawGet(`${server.url}/js/app.3df8536f.js`, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.bytes.length).toBeLessThan(Buffer.byteLength(script) / 4);
    expect(gunzipSync(res.bytes).toString()).toBe(script);
  });

  it('sends files uncompressed to a client that accepts no encoding', async () => {
    const res = await rawGet(`${server.url}/js/app.3df8536f.js`, { 'accept-encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.bytes.toString()).toBe(script);
  });

  it('answers 304 to a revalidation of index.html with its ETag', async () => {
    const first = await rawGet(`${server.url}/`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await rawGet(`${server.url}/`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('keeps the API under /api/v1 with its own headers, and compresses large JSON answers', async () => {
    const base = { level: 'county', category: 'monument', district: '江岸区', address: '解放大道 1 号'.repeat(10), status: 'published' } as const;
    for (let i = 0; i < 20; i++) {
      await api.services.sites.createSite({ ...base, code: `SRV-${i}-${Date.now()}`, name: `服务测试纪念碑${i}`, location: { lat: 31 + i / 100, lng: 115 } });
    }
    const res = await rawGet(`${server.url}/api/v1/sites?near=31,115&limit=20`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(res.bytes).toString()).items).toHaveLength(20);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'up' });
  });

  it('does not let the static handler answer API paths', async () => {
    const res = await fetch(`${server.url}/api/v1/index.html`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('caches only content-hashed names forever', () => {
    expect(cacheControlFor('/x/js/vendors.0186410d.js')).toContain('immutable');
    expect(cacheControlFor('/x/css/vendors.8886af03.css')).toContain('immutable');
    expect(cacheControlFor('/x/index.html')).toBe('no-cache');
    expect(cacheControlFor('/x/manifest.json')).toBe('no-cache');
    expect(cacheControlFor('/x/js/app-settings.js')).toBe('no-cache');
  });
});
