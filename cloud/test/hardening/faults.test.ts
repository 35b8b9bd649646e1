import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { getDb } from '../../src/db/connection.js';
import { createLogger } from '../../src/logger.js';
import { startFake, uniqueName } from '../helpers.js';

/**
 * A TCP proxy between the app and the database server that the test can slow down, cut (every
 * connection dropped, new ones refused) and restore on the same port: the database as the app sees
 * it when the network or the server misbehaves.
 */
class DbProxy {
  delayMs = 0;
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      const forward = (to: Socket) => (chunk: Buffer) => {
        const send = () => !to.destroyed && to.write(chunk);
        if (this.delayMs > 0) setTimeout(send, this.delayMs);
        else send();
      };
      client.on('data', forward(upstream));
      upstream.on('data', forward(client));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
    this.server = null;
  }
}

interface Harness {
  built: BuiltApp;
  base: string;
  proxy: DbProxy;
  dbTimeoutMs: number;
  close(): Promise<void>;
}

/** The app as deployed (the product's getDb client options), talking to the database through the proxy. */
async function startThroughProxy(env: Record<string, string> = {}): Promise<Harness> {
  const target = new URL(inject('mongoUri'));
  const proxy = new DbProxy({ host: target.hostname, port: Number(target.port) });
  await proxy.up();
  const proxied = new URL(inject('mongoUri'));
  proxied.host = `127.0.0.1:${proxy.port}`;
  const dbName = uniqueName('faults');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: proxied.toString(), MONGODB_DB: dbName, DB_TIMEOUT_MS: '1000', ...env });
  const { client, db } = getDb(config.mongoUri!, dbName, config.dbTimeoutMs);
  const built = createApp({ config, db, logger: createLogger('silent') });
  await built.ready();
  const server: Server = createHttpServer(built.handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    built,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    proxy,
    dbTimeoutMs: config.dbTimeoutMs,
    async close() {
      proxy.delayMs = 0;
      await new Promise<void>((r) => server.close(() => r()));
      await db.dropDatabase().catch(() => {});
      await client.close();
      await proxy.down().catch(() => {});
    },
  };
}

async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const started = Date.now();
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
}

async function seed(h: Harness) {
  const { sites, martyrs, accounts } = h.built.services;
  const site = await sites.createSite({ code: uniqueName('F').toUpperCase(), name: '故障测试陵园', level: 'county', category: 'cemetery', district: '洪山区', address: '测试路', location: { lat: 30.5, lng: 114.3 }, status: 'published' });
  const martyr = await martyrs.addMartyr({ siteId: site.id, name: '王英' });
  const citizen = await accounts.signInDev(uniqueName('c'));
  return { site, martyr, token: citizen.token };
}

describe('a slow database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startThroughProxy();
  });
  afterAll(() => h.close());

  it('answers reads and writes 503 UNAVAILABLE with Retry-After within a few seconds instead of hanging, and serves again once it is fast', async () => {
    const { site, martyr, token } = await seed(h);
    expect((await call(h.base, 'GET', `/martyrs/${martyr.id}`)).status).toBe(200);

    h.proxy.delayMs = 30_000;
    const answers = await Promise.all([
      call(h.base, 'GET', `/martyrs/${martyr.id}`),
      call(h.base, 'GET', '/bookings/mine', { token }),
      call(h.base, 'POST', '/tributes', { token, body: { siteId: site.id, kind: 'flower' } }),
      call(h.base, 'GET', '/health'),
    ]);
    for (const a of answers) {
      expect(a.status, JSON.stringify(a.body)).toBe(503);
      expect(a.body.error.code).toBe('UNAVAILABLE');
      expect(a.retryAfter).toBeTruthy();
      // One socket timeout (2 × DB_TIMEOUT_MS), twice when the driver retries a read or write once.
      expect(a.ms).toBeLessThan(h.dbTimeoutMs * 4 + 1000);
    }

    h.proxy.delayMs = 0;
    const deadline = Date.now() + 5000;
    let back = await call(h.base, 'GET', `/martyrs/${martyr.id}`);
    while (back.status !== 200 && Date.now() < deadline) back = await call(h.base, 'GET', `/martyrs/${martyr.id}`);
    expect(back.status).toBe(200);
  }, 60_000);
});

describe('the database cut mid-burst and restored', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startThroughProxy();
  });
  afterAll(() => h.close());

  it('answers only 201 or 503 during the burst, serves again within 5 s of the restore, and the tribute counts reconcile exactly', async () => {
    const { site, token } = await seed(h);
    const others = await Promise.all(Array.from({ length: 5 }, () => h.built.services.accounts.signInDev(uniqueName('c'))));
    const tokens = [token, ...others.map((o) => o.token)];
    const statuses = new Map<number, number>();
    let sent = 0;
    const burst = async (t: string) => {
      for (let i = 0; i < 8; i++) {
        const res = await call(h.base, 'POST', '/tributes', { token: t, body: { siteId: site.id, kind: i % 2 ? 'candle' : 'flower' } });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 400) {
          expect(res.body.error.code).toBe('UNAVAILABLE');
          expect(res.retryAfter).toBeTruthy();
        }
      }
    };
    const running = Promise.all(tokens.map(burst));
    await new Promise((r) => setTimeout(r, 150));
    await h.proxy.down();
    await new Promise((r) => setTimeout(r, 1500));
    await h.proxy.up();
    const restored = Date.now();
    await running;

    let health = await call(h.base, 'GET', '/health');
    while (health.status !== 200 && Date.now() - restored < 5000) {
      await new Promise((r) => setTimeout(r, 100));
      health = await call(h.base, 'GET', '/health');
    }
    expect(health.status).toBe(200);
    expect(Date.now() - restored).toBeLessThan(5000);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([201]));
    expect([...statuses.keys()].every((s) => s === 201 || s === 503)).toBe(true);
    expect(sent).toBe(48);

    // Counters are derived: after a fixing reconciliation they equal the stored published tributes exactly.
    const admin = await h.built.services.accounts.createStaff({ username: uniqueName('adm'), password: 'fault-password-1', roles: ['admin'], siteIds: [] });
    const signedIn = await h.built.services.accounts.signInStaff(admin.username, 'fault-password-1');
    const reconcile = await call(h.base, 'POST', '/admin/tributes/reconcile', { token: signedIn.token, body: { siteId: site.id, fix: true } });
    expect(reconcile.status).toBe(200);
    const stored = await h.built.services.ctx.db.collection('tributes').countDocuments({ siteId: site.id, status: 'published' });
    const stats = await call(h.base, 'GET', `/sites/${site.id}/tribute-stats`);
    // The stats cache lives a few seconds; the stored counter is what reconciliation guarantees.
    const counter = await h.built.services.ctx.db.collection('sites').findOne({ code: site.code }, { projection: { tributeCount: 1 } });
    expect(counter!.tributeCount).toBe(stored);
    // A tribute stored just before the cut may have been answered 503 (the counter step failed): never
    // fewer stored than acknowledged, never more than were sent.
    expect(stored).toBeGreaterThanOrEqual(statuses.get(201) ?? 0);
    expect(stored).toBeLessThanOrEqual(sent);
    expect(stats.status).toBe(200);
  }, 90_000);
});

describe('WeChat and AMap failing or slow', () => {
  let h: Harness;
  let amap: Awaited<ReturnType<typeof startFake>>;
  let wechat: Awaited<ReturnType<typeof startFake>>;
  let mode: 'error' | 'slow' = 'error';

  beforeAll(async () => {
    amap = await startFake(() => (mode === 'error' ? { status: 500, body: { status: '0', info: 'SERVICE_NOT_AVAILABLE' } } : { body: { status: '1', route: { paths: [{ distance: '1000', duration: '600' }] } }, delayMs: 10_000 }));
    wechat = await startFake(() => (mode === 'error' ? { status: 502, body: 'bad gateway' } : { body: { openid: 'late', session_key: 'k' }, delayMs: 15_000 }));
    h = await startThroughProxy({ AMAP_KEY: 'test-key', AMAP_API_BASE: amap.url, AMAP_TIMEOUT_MS: '800', WECHAT_APPID: 'wx-test', WECHAT_SECRET: 'secret', WECHAT_API_BASE: wechat.url });
  });
  afterAll(async () => {
    await h.close();
    await amap.close();
    await wechat.close();
  });

  it.each(['error', 'slow'] as const)('when they are %s: the route falls back to an estimate, sign-in says WeChat is unavailable, a message waits for review', async (m) => {
    mode = m;
    const { site, martyr, token } = await seed(h);
    const route = await call(h.base, 'GET', `/sites/${site.id}/route?from=30.51,114.31&mode=driving`);
    expect(route.status).toBe(200);
    expect(route.body.provider).toBe('estimate');
    expect(route.ms).toBeLessThan(3000);

    const login = await call(h.base, 'POST', '/auth/wechat', { body: { code: `code-${m}` } });
    expect(login.status).toBeGreaterThanOrEqual(502);
    expect(login.status).toBeLessThanOrEqual(503);
    expect(login.body.error.code).toMatch(/UNAVAILABLE|UPSTREAM/);
    expect(login.ms).toBeLessThan(8000);

    const tribute = await call(h.base, 'POST', '/tributes', { token, body: { martyrId: martyr.id, kind: 'message', message: '英雄永垂不朽' } });
    expect(tribute.status).toBe(201);
    expect(tribute.body.status).toBe('pending');
    expect(tribute.ms).toBeLessThan(8000);
  }, 60_000);
});
