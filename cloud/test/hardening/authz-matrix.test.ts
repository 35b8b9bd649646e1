import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formWith, makePng } from '../files/images.js';
import { buildWorld, CALLERS, SLOT_TEMPLATE, type CallerName, type World } from './world.js';

/**
 * The authorisation matrix: every route of API.md (and the extra routes the app serves) × every kind of
 * caller, with the status each must get. Objects on site 1 are owned by citizen A; "otherSiteStaff" is
 * staff of site 2 acting on site 1; "disabledStaff" is a manager of site 1 whose account an admin
 * disabled; "expiredToken" is an admin's token past its expiry.
 *
 * A row's fixture makes the object the route acts on; after a caller changes it (2xx on a write) the
 * next caller gets a fresh one, so every caller meets the object in the same state.
 */

type Expect = Record<CallerName, number>;

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  fixture?: (w: World) => Promise<any>;
  url: (w: World, f: any, caller: CallerName) => string;
  body?: (w: World, f: any, caller: CallerName) => unknown | Promise<unknown>;
  raw?: (w: World, f: any) => string | FormData;
  headers?: (w: World, f: any, caller: CallerName) => Promise<Record<string, string>> | Record<string, string>;
  expect: Expect;
  /** Reads never consume the fixture; writes do when they succeed. */
  read?: boolean;
}

const BAD_TOKEN = { disabledStaff: 401, expiredToken: 401 } as const;

/** Everyone may (a public read); a bad token is still 401. */
function everyone(status = 200, overrides: Partial<Expect> = {}): Expect {
  return { anonymous: status, citizenA: status, citizenB: status, otherSiteStaff: status, siteStaff: status, siteManager: status, admin: status, ...BAD_TOKEN, ...overrides };
}
/** Anyone signed in. */
function signedIn(status = 200, overrides: Partial<Expect> = {}): Expect {
  return everyone(status, { anonymous: 401, ...overrides });
}
/** Only citizen A, the owner; everyone else signed in gets `others`. */
function ownerOnly(status: number, others = 404, overrides: Partial<Expect> = {}): Expect {
  return signedIn(others, { citizenA: status, ...overrides });
}
/** Only citizen A acts on A's object; site 1's staff, who may see it, are refused (403); to anyone else it does not exist (404). */
function ownerActs(status: number): Expect {
  return ownerOnly(status, 404, { siteStaff: 403, siteManager: 403, admin: 403 });
}
/** Staff, managers and admins of site 1. */
function site1Staff(status: number, overrides: Partial<Expect> = {}): Expect {
  return { anonymous: 401, citizenA: 403, citizenB: 403, otherSiteStaff: 403, siteStaff: status, siteManager: status, admin: status, ...BAD_TOKEN, ...overrides };
}
/** Managers and admins of site 1. */
function site1Managers(status: number, overrides: Partial<Expect> = {}): Expect {
  return site1Staff(status, { siteStaff: 403, ...overrides });
}
/** Admins only. */
function adminOnly(status: number, overrides: Partial<Expect> = {}): Expect {
  return site1Staff(403, { admin: status, ...overrides });
}

const id24 = () => randomBytes(12).toString('hex');
const csv = () => `code,name,level,category,district,address,lat,lng,coordSystem,openingHours,phone,intro\nIMP-${randomBytes(3).toString('hex').toUpperCase()},导入测试纪念碑,county,monument,洪山区,测试路 9 号,30.51,114.31,gcj02,,,\n`;

const ROWS: Row[] = [
  // ---- health and auth ----
  { method: 'GET', path: '/health', url: () => '/health', expect: everyone(200, { disabledStaff: 200, expiredToken: 200 }), read: true },
  { method: 'POST', path: '/auth/dev', url: () => '/auth/dev', body: () => ({ openid: `m_${randomBytes(4).toString('hex')}` }), expect: everyone(200) },
  { method: 'POST', path: '/auth/staff (wrong password)', url: () => '/auth/staff', body: (w) => ({ username: w.people.siteStaff.username, password: 'wrong-password-1' }), expect: everyone(401), read: true },
  { method: 'GET', path: '/me', url: () => '/me', expect: signedIn(200), read: true },
  { method: 'GET', path: '/unknown-route', url: () => '/no/such/route', expect: everyone(404), read: true },

  // ---- sites and martyrs (public) ----
  { method: 'GET', path: '/sites?near=', url: () => '/sites?near=30.54,114.36&limit=5', expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/index', url: () => '/sites/index', expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/:id', url: (w) => `/sites/${w.site1.id}`, expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/:id (unknown)', url: () => `/sites/${id24()}`, expect: everyone(404), read: true },
  { method: 'GET', path: '/sites/:id/martyrs', url: (w) => `/sites/${w.site1.id}/martyrs`, expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/:id/route', url: (w) => `/sites/${w.site1.id}/route?from=30.50,114.30&mode=walking`, expect: everyone(200), read: true },
  { method: 'GET', path: '/martyrs', url: () => `/martyrs?q=${encodeURIComponent('张')}`, expect: everyone(200), read: true },
  { method: 'GET', path: '/martyrs/:id', url: (w) => `/martyrs/${w.martyr.id}`, expect: everyone(200), read: true },
  { method: 'GET', path: '/martyrs/:id/qr.png', url: (w) => `/martyrs/${w.martyr.id}/qr.png`, expect: everyone(200), read: true },

  // ---- tributes ----
  { method: 'GET', path: '/sites/:id/tributes', url: (w) => `/sites/${w.site1.id}/tributes`, expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/:id/tribute-stats', url: (w) => `/sites/${w.site1.id}/tribute-stats`, expect: everyone(200), read: true },
  { method: 'GET', path: '/martyrs/:id/tributes', url: (w) => `/martyrs/${w.martyr.id}/tributes`, expect: everyone(200), read: true },
  { method: 'GET', path: '/martyrs/:id/tribute-stats', url: (w) => `/martyrs/${w.martyr.id}/tribute-stats`, expect: everyone(200), read: true },
  { method: 'POST', path: '/tributes', url: () => '/tributes', body: (w) => ({ siteId: w.site1.id, kind: 'flower' }), expect: signedIn(201) },
  { method: 'GET', path: '/tributes/mine', url: () => '/tributes/mine', expect: signedIn(200), read: true },
  { method: 'GET', path: '/admin/tributes?status=pending', url: () => '/admin/tributes?status=pending', expect: site1Managers(200), read: true },
  { method: 'POST', path: '/admin/tributes/:id/approve', fixture: (w) => w.pendingTribute(), url: (_w, f) => `/admin/tributes/${f.id}/approve`, expect: site1Managers(200) },
  { method: 'POST', path: '/admin/tributes/:id/reject', fixture: (w) => w.pendingTribute(), url: (_w, f) => `/admin/tributes/${f.id}/reject`, body: () => ({ reason: '含有广告链接' }), expect: site1Managers(200) },
  { method: 'POST', path: '/admin/tributes/reconcile', url: () => '/admin/tributes/reconcile', body: (w) => ({ siteId: w.site1.id }), expect: adminOnly(200) },

  // ---- follows and notices ----
  { method: 'GET', path: '/sites/:id/follow', url: (w) => `/sites/${w.site1.id}/follow`, expect: signedIn(200), read: true },
  { method: 'PUT', path: '/sites/:id/follow', url: (w) => `/sites/${w.site1.id}/follow`, expect: signedIn(200) },
  { method: 'DELETE', path: '/sites/:id/follow', url: (w) => `/sites/${w.site1.id}/follow`, expect: signedIn(200) },
  { method: 'GET', path: '/martyrs/:id/follow', url: (w) => `/martyrs/${w.martyr.id}/follow`, expect: signedIn(200), read: true },
  { method: 'PUT', path: '/martyrs/:id/follow', url: (w) => `/martyrs/${w.martyr.id}/follow`, expect: signedIn(200) },
  { method: 'DELETE', path: '/martyrs/:id/follow', url: (w) => `/martyrs/${w.martyr.id}/follow`, expect: signedIn(200) },
  { method: 'GET', path: '/follows/mine', url: () => '/follows/mine', expect: signedIn(200), read: true },
  { method: 'GET', path: '/sites/:id/notices', url: (w) => `/sites/${w.site1.id}/notices`, expect: everyone(200), read: true },
  { method: 'POST', path: '/admin/sites/:id/notices', url: (w) => `/admin/sites/${w.site1.id}/notices`, body: () => ({ title: '清明开放安排', body: '清明期间延长开放时间。' }), expect: site1Managers(201) },

  // ---- notifications ----
  { method: 'GET', path: '/notifications/mine', url: () => '/notifications/mine', expect: signedIn(200), read: true },
  {
    method: 'POST',
    path: '/notifications/:id/read',
    fixture: async (w) => {
      await w.api.services.notifications.notify({ userId: w.people.citizenA.id, template: 'site_notice', title: '通知', body: '矩阵测试' });
      return (await w.api.services.notifications.listForUser(w.people.citizenA.id, 1))[0];
    },
    url: (_w, f) => `/notifications/${f.id}/read`,
    expect: ownerOnly(200),
  },

  // ---- bookings ----
  { method: 'GET', path: '/sites/:id/slots', url: (w) => `/sites/${w.site1.id}/slots?date=${w.day(1)}`, expect: everyone(200), read: true },
  { method: 'GET', path: '/sites/:id/booking-calendar', url: (w) => `/sites/${w.site1.id}/booking-calendar`, expect: everyone(200), read: true },
  {
    method: 'POST',
    path: '/bookings',
    url: () => '/bookings',
    body: (w) => ({ slotId: w.slot(w.day(2)), partySize: 1, contactName: '李四', contactPhone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }),
    headers: () => ({ 'Idempotency-Key': randomUUID() }),
    expect: signedIn(201),
  },
  { method: 'GET', path: '/bookings/mine', url: () => '/bookings/mine', expect: signedIn(200), read: true },
  { method: 'GET', path: '/bookings/:id', fixture: (w) => w.booking(w.people.citizenA, w.day(1)), url: (_w, f) => `/bookings/${f.id}`, expect: site1Staff(200, { citizenA: 200, citizenB: 404, otherSiteStaff: 403 }), read: true },
  { method: 'GET', path: '/bookings/:id/qr.png', fixture: (w) => w.booking(w.people.citizenA, w.day(3)), url: (_w, f) => `/bookings/${f.id}/qr.png`, expect: ownerActs(200), read: true },
  { method: 'POST', path: '/bookings/:id/cancel', fixture: (w) => w.booking(w.people.citizenA, w.day(4)), url: (_w, f) => `/bookings/${f.id}/cancel`, expect: ownerActs(200) },
  { method: 'POST', path: '/slots/:id/watch (a full slot)', fixture: async (w) => w.booking(await w.someone(), w.day(5), '16:00'), url: (w) => `/slots/${w.slot(w.day(5), '16:00')}/watch`, expect: signedIn(201), read: true },
  { method: 'DELETE', path: '/slots/:id/watch', url: (w) => `/slots/${w.slot(w.day(5), '16:00')}/watch`, expect: signedIn(200) },
  { method: 'GET', path: '/admin/sites/:id/slot-template', url: (w) => `/admin/sites/${w.site1.id}/slot-template`, expect: site1Staff(200), read: true },
  { method: 'PUT', path: '/admin/sites/:id/slot-template', url: (w) => `/admin/sites/${w.site1.id}/slot-template`, body: () => SLOT_TEMPLATE, expect: site1Managers(200) },
  { method: 'GET', path: '/admin/sites/:id/bookings', url: (w) => `/admin/sites/${w.site1.id}/bookings?date=${w.today}`, expect: site1Staff(200), read: true },
  {
    method: 'POST',
    path: '/admin/bookings',
    url: () => '/admin/bookings',
    body: (w) => ({ slotId: w.slot(w.day(6)), partySize: 1, contactName: '王五', contactPhone: `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` }),
    headers: () => ({ 'Idempotency-Key': randomUUID() }),
    expect: site1Staff(201),
  },
  { method: 'POST', path: '/admin/bookings/check-in', fixture: async (w) => w.booking(await w.someone(), w.today), url: () => '/admin/bookings/check-in', body: (_w, f) => ({ code: f.code }), expect: site1Staff(200) },
  { method: 'POST', path: '/admin/bookings/:id/cancel', fixture: async (w) => w.booking(await w.someone(), w.day(1)), url: (_w, f) => `/admin/bookings/${f.id}/cancel`, body: () => ({ reason: '场馆临时闭馆' }), expect: site1Staff(200) },
  { method: 'POST', path: '/admin/bookings/reconcile', url: () => '/admin/bookings/reconcile', body: (w) => ({ siteId: w.site1.id }), expect: adminOnly(200) },

  // ---- proxy sweeps ----
  {
    method: 'POST',
    path: '/proxy-sweeps',
    url: () => '/proxy-sweeps',
    body: (w) => ({ siteId: w.site1.id, services: ['offer_flowers'], graveDescription: '一区三排', preferredDate: w.day(3), relationship: '孙子', contactPhone: '13812345678' }),
    expect: signedIn(201),
  },
  { method: 'GET', path: '/proxy-sweeps/mine', url: () => '/proxy-sweeps/mine', expect: signedIn(200), read: true },
  { method: 'GET', path: '/proxy-sweeps/:id', fixture: (w) => w.sweep(w.people.citizenA), url: (_w, f) => `/proxy-sweeps/${f.id}`, expect: site1Staff(200, { citizenA: 200, citizenB: 404, otherSiteStaff: 403 }), read: true },
  { method: 'POST', path: '/proxy-sweeps/:id/cancel', fixture: (w) => w.sweep(w.people.citizenA), url: (_w, f) => `/proxy-sweeps/${f.id}/cancel`, expect: ownerActs(200) },
  { method: 'POST', path: '/proxy-sweeps/:id/confirm', fixture: (w) => w.sweepIn('completed', w.people.citizenA), url: (_w, f) => `/proxy-sweeps/${f.id}/confirm`, body: () => ({ rating: 5, comment: '辛苦了' }), expect: ownerActs(200) },
  { method: 'GET', path: '/admin/proxy-sweeps', url: () => '/admin/proxy-sweeps?status=submitted', expect: site1Staff(200, { otherSiteStaff: 200 }), read: true },
  { method: 'GET', path: '/admin/proxy-sweeps/:id/contact', fixture: (w) => w.sweepIn('accepted'), url: (_w, f) => `/admin/proxy-sweeps/${f.id}/contact`, expect: site1Staff(200), read: true },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/accept', fixture: (w) => w.sweepIn('submitted'), url: (_w, f) => `/admin/proxy-sweeps/${f.id}/accept`, body: () => ({}), expect: site1Staff(200) },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/start', fixture: (w) => w.sweepIn('accepted'), url: (_w, f) => `/admin/proxy-sweeps/${f.id}/start`, expect: site1Staff(200) },
  {
    method: 'POST',
    path: '/admin/proxy-sweeps/:id/complete',
    fixture: (w) => w.sweepIn('in_progress'),
    url: (_w, f) => `/admin/proxy-sweeps/${f.id}/complete`,
    // The proof photos must be the caller's own fresh uploads.
    body: async (w, _f, caller) => w.completeBody((await w.upload(caller in w.people && caller !== 'disabledStaff' ? w.people[caller as keyof World['people']] : w.people.citizenB)).id),
    expect: site1Staff(200),
  },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/reject', fixture: (w) => w.sweepIn('submitted'), url: (_w, f) => `/admin/proxy-sweeps/${f.id}/reject`, body: () => ({ reason: '墓位信息不足' }), expect: site1Staff(200) },

  // ---- files ----
  { method: 'POST', path: '/uploads', url: () => '/uploads', raw: () => formWith(makePng(8, 8, Math.floor(Math.random() * 1000))), expect: signedIn(201) },
  {
    method: 'GET',
    path: '/files/:id (proof photo of A’s sweep)',
    fixture: (w) => w.sweepIn('completed', w.people.citizenA),
    url: (_w, f) => `/files/${f.photoId}`,
    expect: site1Staff(200, { citizenA: 200, citizenB: 404, otherSiteStaff: 404 }),
    read: true,
  },
  { method: 'GET', path: '/files/:id (a citizen upload)', fixture: (w) => w.upload(w.people.citizenA), url: (_w, f) => `/files/${f.id}`, expect: ownerOnly(200), read: true },

  // ---- manager console ----
  { method: 'GET', path: '/admin/sites', url: () => '/admin/sites', expect: site1Staff(200, { otherSiteStaff: 200 }), read: true },
  {
    method: 'POST',
    path: '/admin/sites',
    url: () => '/admin/sites',
    body: () => ({ code: `NEW-${randomBytes(3).toString('hex').toUpperCase()}`, name: '新建纪念碑', level: 'county', category: 'monument', district: '江夏区', address: '江夏测试路', location: { lat: 30.3, lng: 114.3 }, status: 'draft' }),
    expect: adminOnly(201),
  },
  { method: 'GET', path: '/admin/sites/:id', url: (w) => `/admin/sites/${w.site1.id}`, expect: site1Staff(200), read: true },
  {
    method: 'PATCH',
    path: '/admin/sites/:id',
    url: (w) => `/admin/sites/${w.site1.id}`,
    headers: async (w) => ({ 'If-Match': String((await w.api.services.sites.getSite(w.site1.id)).version) }),
    body: () => ({ intro: `简介 ${randomBytes(2).toString('hex')}` }),
    expect: site1Managers(200),
  },
  { method: 'GET', path: '/admin/sites/:id/history', url: (w) => `/admin/sites/${w.site1.id}/history`, expect: site1Managers(200), read: true },
  { method: 'GET', path: '/admin/audit', url: () => '/admin/audit', expect: adminOnly(200), read: true },
  { method: 'GET', path: '/admin/sites/:id/martyrs', url: (w) => `/admin/sites/${w.site1.id}/martyrs`, expect: site1Staff(200), read: true },
  { method: 'POST', path: '/admin/sites/:id/martyrs', url: (w) => `/admin/sites/${w.site1.id}/martyrs`, body: () => ({ name: '李英' }), expect: site1Managers(201) },
  { method: 'GET', path: '/admin/martyrs/:id', url: (w) => `/admin/martyrs/${w.martyr.id}`, expect: site1Staff(200), read: true },
  {
    method: 'PATCH',
    path: '/admin/martyrs/:id',
    url: (w) => `/admin/martyrs/${w.martyr.id}`,
    headers: async (w) => ({ 'If-Match': String((await w.api.services.martyrs.repository.findById(w.martyr.id))!.version) }),
    body: () => ({ deeds: `英勇牺牲 ${randomBytes(2).toString('hex')}` }),
    expect: site1Managers(200),
  },
  { method: 'POST', path: '/admin/import/sites', url: () => '/admin/import/sites', raw: () => csv(), headers: () => ({ 'content-type': 'text/csv' }), expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/admin/import/martyrs',
    url: () => '/admin/import/martyrs',
    raw: (w) => `siteCode,code,name\n${w.site1.code},M-${randomBytes(3).toString("hex").toUpperCase()},导入烈士\n`,
    headers: () => ({ 'content-type': 'text/csv' }),
    expect: site1Managers(200),
  },
  { method: 'POST', path: '/admin/sites/:id/patrols', url: (w) => `/admin/sites/${w.site1.id}/patrols`, body: () => ({ location: { lat: 30.54, lng: 114.36 }, note: '巡查正常' }), expect: site1Staff(201) },
  { method: 'GET', path: '/admin/sites/:id/patrols', url: (w) => `/admin/sites/${w.site1.id}/patrols`, expect: site1Staff(200), read: true },
  { method: 'GET', path: '/admin/patrols/overdue', url: () => '/admin/patrols/overdue', expect: site1Staff(200, { otherSiteStaff: 200 }), read: true },
  { method: 'GET', path: '/admin/statistics', url: (w) => `/admin/statistics?siteId=${w.site1.id}`, expect: site1Managers(200), read: true },
  { method: 'GET', path: '/admin/statistics.csv', url: (w) => `/admin/statistics.csv?siteId=${w.site1.id}`, expect: site1Managers(200), read: true },

  // ---- staff accounts ----
  { method: 'GET', path: '/admin/staff', url: () => '/admin/staff', expect: adminOnly(200), read: true },
  { method: 'POST', path: '/admin/staff', url: () => '/admin/staff', body: (w) => ({ username: `m${randomBytes(4).toString('hex')}`, password: 'matrix-password-1', roles: ['staff'], siteIds: [w.site1.id] }), expect: adminOnly(201) },
  { method: 'GET', path: '/admin/staff/:id', url: (w) => `/admin/staff/${w.people.siteStaff.id}`, expect: adminOnly(200), read: true },
  { method: 'PATCH', path: '/admin/staff/:id', url: (w) => `/admin/staff/${w.people.siteStaff.id}`, body: () => ({ displayName: `值班员${randomBytes(2).toString('hex')}` }), expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/admin/staff/:id/password',
    fixture: async (w) => w.api.staff(['staff'], [w.site1.id]),
    url: (_w, f) => `/admin/staff/${f.id}/password`,
    body: () => ({ password: 'a-new-password-2' }),
    expect: adminOnly(200),
  },
];

describe('authorisation matrix: every route × every caller', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  }, 120_000);
  afterAll(() => w.close());

  it('has a row for every route the app serves', () => {
    const served: string[] = [];
    const walk = (stack: any[]) => {
      for (const layer of stack) {
        if (layer.route) for (const method of Object.keys(layer.route.methods)) served.push(`${method.toUpperCase()} ${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((w.api.app as any).router.stack);
    const expanded = served.flatMap((r) => (r.endsWith('/:action') ? ['accept', 'start', 'complete', 'reject'].map((a) => r.replace(':action', a)) : [r]));
    const covered = new Set(ROWS.map((r) => `${r.method} ${r.path.split(/[ ?]/)[0]}`));
    // Signing in with a WeChat code needs the fake WeChat server: accounts/auth.test.ts drives it.
    const elsewhere = new Set(['POST /auth/wechat']);
    expect(expanded.filter((r) => !covered.has(r) && !elsewhere.has(r))).toEqual([]);
    expect(expanded.length).toBeGreaterThanOrEqual(80);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.path}`, async () => {
      let fixture: any;
      let fresh = true;
      const mismatches: string[] = [];
      for (const caller of CALLERS) {
        if (row.fixture && (fixture === undefined || !fresh)) {
          fixture = await row.fixture(w);
          fresh = true;
        }
        const headers = { ...(row.headers ? await row.headers(w, fixture, caller) : {}) };
        const res = await w.request(row.method, row.url(w, fixture, caller), {
          token: w.tokens[caller],
          headers,
          ...(row.raw ? { raw: row.raw(w, fixture) } : row.body ? { body: await row.body(w, fixture, caller) } : {}),
        });
        if (res.status !== row.expect[caller]) {
          mismatches.push(`${caller}: expected ${row.expect[caller]}, got ${res.status} ${res.status >= 400 ? res.text.slice(0, 160) : ''}`);
        }
        if (res.status >= 400) {
          expect(res.body, `${caller}: error shape`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
        if (res.status < 300 && !row.read) fresh = false;
      }
      expect(mismatches.join('\n')).toBe('');
    }, 60_000);
  }
});

/**
 * Every field of a valid body replaced by a value no schema accepts; null when the body has no fields.
 * Writes whose target is named in the URL must refuse a caller without the right (401/403/404) before
 * reading the body: with this body they answer exactly as with a valid one, and 400 only where the
 * valid body would have succeeded.
 */
function invalidBody(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== 'object' || Object.keys(body).length === 0) return null;
  return Object.fromEntries(Object.keys(body).map((k) => [k, { bogus: true }]));
}

/** Writes whose scope comes from the body itself (a slot id, a booking code): validation must come first. */
const SCOPE_IN_BODY = new Set(['POST /admin/bookings', 'POST /admin/bookings/check-in']);

describe('authorisation matrix with an invalid body: permission is checked before the body', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  }, 120_000);
  afterAll(() => w.close());

  const rows = ROWS.filter((r) => r.method !== 'GET' && r.path.startsWith('/admin/') && r.body && !SCOPE_IN_BODY.has(`${r.method} ${r.path}`));

  it('covers the admin writes with a body', () => {
    expect(rows.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['PATCH /admin/sites/:id', 'POST /admin/sites', 'PATCH /admin/martyrs/:id', 'PUT /admin/sites/:id/slot-template']));
  });

  for (const row of rows) {
    it(`${row.method} ${row.path}`, async () => {
      const fixture = row.fixture ? await row.fixture(w) : undefined;
      const mismatches: string[] = [];
      for (const caller of CALLERS) {
        const body = invalidBody(await row.body!(w, fixture, caller));
        if (!body) return;
        const expected = row.expect[caller] < 300 ? 400 : row.expect[caller];
        const headers = row.headers ? await row.headers(w, fixture, caller) : {};
        const res = await w.request(row.method, row.url(w, fixture, caller), { token: w.tokens[caller], headers, body });
        if (res.status !== expected) mismatches.push(`${caller}: expected ${expected}, got ${res.status} ${res.text.slice(0, 160)}`);
      }
      expect(mismatches.join('\n')).toBe('');
    }, 60_000);
  }
});
