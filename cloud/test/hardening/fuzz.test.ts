import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RATE_LIMIT_COLLECTION } from '../../src/shared/rate-limit.js';
import { buildWorld, type World } from './world.js';

/**
 * Fuzzing every route of API.md with generated bad and hostile requests: wrong types, operator objects
 * where strings are expected, huge strings, broken JSON, wrong content types, oversized bodies, hostile
 * and unknown ids, garbage tokens. Each request is built so that at least one part of it is bad (a write
 * never gets a clean body, or its id is bad), so the oracle is strict:
 *  - never a 5xx; every non-2xx in the error shape;
 *  - a write (POST/PUT/PATCH/DELETE) is never accepted;
 *  - no document is written anywhere (collection counts before and after; rate-limit counters aside).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const CONCURRENCY = 8;

type IdKind = 'site' | 'martyr' | 'booking' | 'sweep' | 'tribute' | 'file' | 'staff' | 'notification' | 'slot';

interface FuzzRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The kind of object `:id` names; absent when the path has none. */
  id?: IdKind;
  /** The route writes (or answers a read by writing, e.g. materialising slots) even with a valid id: the id is always bad. */
  badIdOnly?: boolean;
  query?: string[];
  /** Fields of a JSON body the route parses. */
  body?: string[];
  kind?: 'json' | 'multipart' | 'table';
  headers?: string[];
}

const SITE_FIELDS = ['code', 'name', 'level', 'category', 'district', 'address', 'location', 'coordSystem', 'status', 'openingHours', 'phone', 'intro'];
const BOOKING_FIELDS = ['slotId', 'partySize', 'contactName', 'contactPhone', 'organization', 'kind'];

const ROUTES: FuzzRoute[] = [
  { method: 'GET', path: '/health' },
  { method: 'POST', path: '/auth/wechat', body: ['code'] },
  { method: 'POST', path: '/auth/dev', body: ['openid'] },
  { method: 'POST', path: '/auth/staff', body: ['username', 'password'] },
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/notifications/mine', query: ['limit', 'before'] },
  { method: 'POST', path: '/notifications/:id/read', id: 'notification', badIdOnly: true },
  { method: 'GET', path: '/sites', query: ['near', 'limit', 'level', 'category', 'district', 'q', 'cursor'] },
  { method: 'GET', path: '/sites/index', headers: ['if-none-match'] },
  { method: 'GET', path: '/sites/:id', id: 'site' },
  { method: 'GET', path: '/sites/:id/route', id: 'site', query: ['from', 'mode'] },
  { method: 'GET', path: '/sites/:id/martyrs', id: 'site', query: ['q', 'cursor', 'limit'] },
  { method: 'GET', path: '/martyrs', query: ['q', 'cursor', 'limit'] },
  { method: 'GET', path: '/martyrs/:id', id: 'martyr' },
  { method: 'GET', path: '/martyrs/:id/qr.png', id: 'martyr', query: ['size'] },
  { method: 'GET', path: '/sites/:id/tributes', id: 'site', query: ['cursor', 'limit', 'kind'] },
  { method: 'GET', path: '/sites/:id/tribute-stats', id: 'site' },
  { method: 'GET', path: '/martyrs/:id/tributes', id: 'martyr', query: ['cursor', 'limit', 'kind'] },
  { method: 'GET', path: '/martyrs/:id/tribute-stats', id: 'martyr' },
  { method: 'POST', path: '/tributes', body: ['siteId', 'martyrId', 'kind', 'message'] },
  { method: 'GET', path: '/tributes/mine', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/admin/tributes', query: ['status', 'siteId', 'cursor', 'limit'] },
  { method: 'POST', path: '/admin/tributes/reconcile', body: ['siteId', 'martyrId', 'fix'] },
  { method: 'POST', path: '/admin/tributes/:id/approve', id: 'tribute', badIdOnly: true },
  { method: 'POST', path: '/admin/tributes/:id/reject', id: 'tribute', body: ['reason'] },
  { method: 'GET', path: '/sites/:id/follow', id: 'site' },
  { method: 'PUT', path: '/sites/:id/follow', id: 'site', badIdOnly: true },
  { method: 'DELETE', path: '/sites/:id/follow', id: 'site', badIdOnly: true },
  { method: 'GET', path: '/martyrs/:id/follow', id: 'martyr' },
  { method: 'PUT', path: '/martyrs/:id/follow', id: 'martyr', badIdOnly: true },
  { method: 'DELETE', path: '/martyrs/:id/follow', id: 'martyr', badIdOnly: true },
  { method: 'GET', path: '/follows/mine', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/sites/:id/notices', id: 'site', query: ['cursor', 'limit'] },
  { method: 'POST', path: '/admin/sites/:id/notices', id: 'site', body: ['title', 'body'] },
  { method: 'GET', path: '/sites/:id/slots', id: 'site', badIdOnly: true, query: ['date', 'kind'] },
  { method: 'GET', path: '/sites/:id/booking-calendar', id: 'site', badIdOnly: true, query: ['from', 'days', 'kind'] },
  { method: 'POST', path: '/bookings', body: BOOKING_FIELDS, headers: ['idempotency-key'] },
  { method: 'GET', path: '/bookings/mine', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/bookings/:id', id: 'booking' },
  { method: 'GET', path: '/bookings/:id/qr.png', id: 'booking', query: ['size'] },
  { method: 'POST', path: '/bookings/:id/cancel', id: 'booking', badIdOnly: true },
  { method: 'POST', path: '/slots/:id/watch', id: 'slot', badIdOnly: true },
  { method: 'DELETE', path: '/slots/:id/watch', id: 'slot', badIdOnly: true },
  { method: 'GET', path: '/admin/sites/:id/slot-template', id: 'site' },
  { method: 'PUT', path: '/admin/sites/:id/slot-template', id: 'site', body: ['weekdays', 'slots', 'overrides', 'bookingWindowDays', 'cancelCutoffMinutes', 'maxCompanions', 'group'] },
  { method: 'GET', path: '/admin/sites/:id/bookings', id: 'site', query: ['date'] },
  { method: 'POST', path: '/admin/bookings', body: BOOKING_FIELDS, headers: ['idempotency-key'] },
  { method: 'POST', path: '/admin/bookings/check-in', body: ['code'] },
  { method: 'POST', path: '/admin/bookings/reconcile', body: ['siteId', 'fix'] },
  { method: 'POST', path: '/admin/bookings/:id/cancel', id: 'booking', body: ['reason'] },
  { method: 'POST', path: '/proxy-sweeps', body: ['siteId', 'martyrId', 'graveDescription', 'services', 'preferredDate', 'message', 'relationship', 'contactPhone'] },
  { method: 'GET', path: '/proxy-sweeps/mine', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/proxy-sweeps/:id', id: 'sweep' },
  { method: 'POST', path: '/proxy-sweeps/:id/cancel', id: 'sweep', body: ['reason'] },
  { method: 'POST', path: '/proxy-sweeps/:id/confirm', id: 'sweep', body: ['rating', 'comment'] },
  { method: 'GET', path: '/admin/proxy-sweeps', query: ['status', 'siteId', 'assigned', 'cursor', 'limit'] },
  { method: 'GET', path: '/admin/proxy-sweeps/:id/contact', id: 'sweep', badIdOnly: true },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/accept', id: 'sweep', body: ['assigneeId'] },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/start', id: 'sweep', badIdOnly: true },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/complete', id: 'sweep', body: ['photos', 'takenAt', 'location', 'checklist'] },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/reject', id: 'sweep', body: ['reason'] },
  { method: 'POST', path: '/admin/proxy-sweeps/:id/explode', id: 'sweep' },
  { method: 'POST', path: '/uploads', kind: 'multipart' },
  { method: 'GET', path: '/files/:id', id: 'file', query: ['exp', 'sig'] },
  { method: 'GET', path: '/admin/sites', query: ['q', 'status', 'level', 'category', 'district', 'cursor', 'limit'] },
  { method: 'POST', path: '/admin/sites', body: SITE_FIELDS },
  { method: 'GET', path: '/admin/sites/:id', id: 'site' },
  { method: 'PATCH', path: '/admin/sites/:id', id: 'site', body: SITE_FIELDS, headers: ['if-match'] },
  { method: 'GET', path: '/admin/sites/:id/history', id: 'site', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/admin/audit', query: ['siteId', 'actorId', 'action', 'targetType', 'from', 'to', 'cursor', 'limit'] },
  { method: 'GET', path: '/admin/sites/:id/martyrs', id: 'site', query: ['q', 'cursor', 'limit'] },
  { method: 'POST', path: '/admin/sites/:id/martyrs', id: 'site', body: ['code', 'name', 'gender', 'birthYear', 'deathYear', 'hometown', 'unit', 'deeds', 'gravePosition', 'graveLocation'] },
  { method: 'GET', path: '/admin/martyrs/:id', id: 'martyr' },
  { method: 'PATCH', path: '/admin/martyrs/:id', id: 'martyr', body: ['siteId', 'name', 'gender', 'birthYear', 'deathYear', 'hometown', 'deeds', 'graveLocation'], headers: ['if-match'] },
  { method: 'POST', path: '/admin/import/sites', kind: 'table' },
  { method: 'POST', path: '/admin/import/martyrs', kind: 'table' },
  { method: 'POST', path: '/admin/sites/:id/patrols', id: 'site', body: ['location', 'coordSystem', 'martyrId', 'condition', 'note', 'photos'] },
  { method: 'GET', path: '/admin/sites/:id/patrols', id: 'site', query: ['cursor', 'limit'] },
  { method: 'GET', path: '/admin/patrols/overdue', query: ['days'] },
  { method: 'GET', path: '/admin/statistics', query: ['from', 'to', 'siteId'] },
  { method: 'GET', path: '/admin/statistics.csv', query: ['from', 'to', 'siteId'] },
  { method: 'GET', path: '/admin/staff', query: ['q', 'role', 'siteId', 'cursor', 'limit'] },
  { method: 'POST', path: '/admin/staff', body: ['username', 'password', 'displayName', 'roles', 'siteIds'] },
  { method: 'GET', path: '/admin/staff/:id', id: 'staff' },
  { method: 'PATCH', path: '/admin/staff/:id', id: 'staff', body: ['displayName', 'roles', 'siteIds', 'disabled'] },
  { method: 'POST', path: '/admin/staff/:id/password', id: 'staff', body: ['password'] },
];

// ---- generators ----------------------------------------------------------------------------------

const HUGE = 'x'.repeat(70_000);
const hex24 = fc.uint8Array({ minLength: 12, maxLength: 12 }).map((b) => Buffer.from(b).toString('hex'));
/** Text that is never a valid id, enum, date or number: injection shapes, control bytes, unknown ids. */
const hostileText = fc.oneof(
  fc.constantFrom('{"$gt":""}', '{"$ne":null}', '[object Object]', '../../../etc/passwd', '\u0000', 'null', 'undefined', 'NaN', '-1', '1e309', '0x10', '$where', 'ObjectId("000000000000000000000000")', 'a'.repeat(5000), '🙂'.repeat(300), '<script>alert(1)</script>', "'; DROP TABLE sites; --"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  hex24,
);
const operator = fc.constantFrom<unknown>({ $gt: '' }, { $ne: null }, { $regex: '.*' }, { $where: 'sleep(1000)' }, { $in: [1, 'a'] }, { $exists: true }, { $expr: { $eq: [1, 1] } });
/** A value no field of any schema accepts. */
const hostileValue = fc.oneof(operator, fc.array(operator, { minLength: 1, maxLength: 3 }), fc.constant<unknown>(HUGE), fc.constant<unknown>([[[[[{ $gt: '' }]]]]]));

const rawPathSegment = fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%2e%2e%2f', '%00', '..', '%C0%AF');

interface Generated {
  route: FuzzRoute;
  caller: 'anonymous' | 'citizenA' | 'siteManager' | 'admin' | 'garbage' | 'malformed';
  idChoice: { valid: IdKind | null; text: string; raw: boolean };
  query: Array<[string, string]>;
  headerValues: Record<string, string>;
  body: { kind: 'none' } | { kind: 'text'; contentType: string; text: string } | { kind: 'form'; parts: Array<{ name: string; type: string; bytes: string }> };
}

function bodyFor(route: FuzzRoute): fc.Arbitrary<Generated['body']> {
  if (route.method === 'GET' || route.method === 'DELETE') {
    return fc.oneof(fc.constant({ kind: 'none' as const }), fc.record({ kind: fc.constant('text' as const), contentType: fc.constant('application/json'), text: fc.constantFrom('{', '{"$gt":""}') }));
  }
  const fieldsBody = (fields: string[]) =>
    fc
      .record({
        chosen: fc.subarray(fields, { minLength: 1 }),
        values: fc.array(hostileValue, { minLength: fields.length, maxLength: fields.length }),
        junk: fc.subarray(['"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"polluted":1}}', '"$where":"1"', '"_id":"000000000000000000000000"']),
      })
      .map(({ chosen, values, junk }) => {
        const parts = chosen.map((f, i) => `${JSON.stringify(f)}:${JSON.stringify(values[i])}`).concat(junk);
        return { kind: 'text' as const, contentType: 'application/json', text: `{${parts.join(',')}}` };
      });
  const brokenJson = fc.oneof(
    fc.string({ maxLength: 60 }).map((s) => `{${s}`),
    fc.constantFrom('{"a":', "{'a':1}", '{"a":1,}', 'NaN', '\u0000', '"just a string"', 'null', '1', '[' .repeat(20_000) + ']'.repeat(20_000), '{"k":"\\ud800"'),
  ).map((text) => ({ kind: 'text' as const, contentType: 'application/json', text }));
  const nonObjects = fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }), fc.array(operator, { minLength: 1 })).map((v) => ({ kind: 'text' as const, contentType: 'application/json', text: JSON.stringify(v) }));
  const wrongType = fc.record({
    kind: fc.constant('text' as const),
    contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'text/csv', 'application/octet-stream', 'image/png', 'application/json; charset=utf-16', 'application/json; charset=latin9', 'multipart/form-data; boundary=zzz'),
    // Never empty: an empty body is no body, whatever its declared type.
    text: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constant('a=1&b[$gt]=2'), fc.constant('--zzz\r\nContent-Disposition: form-data; name="file"\r\n\r\nhello\r\n--zzz--\r\n')),
  });
  const oversized = fc.constant({ kind: 'text' as const, contentType: 'application/json', text: JSON.stringify({ [route.body?.[0] ?? 'field']: HUGE }) });

  if (route.kind === 'multipart') {
    const junkForm = fc.record({
      kind: fc.constant('form' as const),
      parts: fc.array(
        fc.record({ name: fc.constantFrom('file', 'photo', '__proto__', ''), type: fc.constantFrom('image/png', 'image/jpeg', 'text/html', 'application/x-msdownload'), bytes: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('<svg onload="alert(1)"></svg>'), fc.constant('\x89PNG\r\n\x1a\n truncated')) }),
        { maxLength: 3 },
      ),
    });
    return fc.oneof(junkForm, wrongType, brokenJson);
  }
  if (route.kind === 'table') {
    const junkTable = fc.record({
      kind: fc.constant('text' as const),
      contentType: fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'),
      text: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('PK\u0003\u0004 not really a zip'), fc.constant('code,name\n"unterminated'), fc.constant('=cmd|\' /C calc\'!A0,name\n')),
    });
    return fc.oneof(junkTable, brokenJson, fc.record({ kind: fc.constant('text' as const), contentType: fc.constantFrom('text/plain', 'application/json', 'image/png'), text: fc.string({ maxLength: 100 }) }));
  }
  if (!route.body) {
    return fc.oneof(fc.constant({ kind: 'none' as const }), brokenJson, wrongType, nonObjects);
  }
  return fc.oneof({ arbitrary: fieldsBody(route.body), weight: 5 }, { arbitrary: brokenJson, weight: 2 }, { arbitrary: wrongType, weight: 2 }, { arbitrary: nonObjects, weight: 1 }, { arbitrary: oversized, weight: 1 });
}

function requestFor(route: FuzzRoute): fc.Arbitrary<Generated> {
  const needsBadId = route.badIdOnly || (route.method !== 'GET' && !route.body && route.kind === undefined);
  const idChoice = route.id
    ? fc.oneof(
        { arbitrary: hostileText.map((text) => ({ valid: null, text, raw: false })), weight: 4 },
        { arbitrary: rawPathSegment.map((text) => ({ valid: null, text, raw: true })), weight: 1 },
        ...(needsBadId ? [] : [{ arbitrary: fc.constant({ valid: route.id, text: '', raw: false }), weight: 4 }]),
      )
    : fc.constant({ valid: null, text: '', raw: false });
  const query = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...(route.query?.length ? route.query : ['q'])), fc.constantFrom('__proto__', 'constructor', 'q[$gt]', 'limit[]', '$where')), hostileText),
    { maxLength: 4 },
  );
  const headerValues = fc.record(Object.fromEntries((route.headers ?? []).map((h) => [h, hostileText.map((t) => t.replace(/[^\x20-\x7e]/g, '?').slice(0, 6000))])));
  return fc.record({
    route: fc.constant(route),
    caller: fc.constantFrom('anonymous', 'citizenA', 'siteManager', 'admin', 'admin', 'siteManager', 'garbage', 'malformed'),
    idChoice,
    query,
    headerValues,
    body: bodyFor(route),
  }) as fc.Arbitrary<Generated>;
}

const anyRequest = fc.oneof(...ROUTES.map(requestFor));

// ---- the run -------------------------------------------------------------------------------------

describe('fuzzing every route with bad and hostile requests', () => {
  let w: World;
  const validIds: Partial<Record<IdKind, string>> = {};

  beforeAll(async () => {
    w = await buildWorld();
    const A = w.people.citizenA;
    const booking = await w.booking(A, w.day(1));
    const sweep = await w.sweep(A);
    const tribute = await w.pendingTribute();
    const file = await w.upload(A);
    await w.api.services.notifications.notify({ userId: A.id, template: 'site_notice', title: '通知', body: '模糊测试' });
    const [notification] = await w.api.services.notifications.listForUser(A.id, 1);
    Object.assign(validIds, {
      site: w.site1.id,
      martyr: w.martyr.id,
      booking: booking.id,
      sweep: sweep.id,
      tribute: tribute.id,
      file: file.id,
      staff: w.people.siteStaff.id,
      notification: notification!.id,
      slot: w.slot(w.day(1)),
    });
  }, 120_000);
  afterAll(() => w.close());

  async function counts(): Promise<Record<string, number>> {
    const names = (await w.api.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => n !== RATE_LIMIT_COLLECTION).sort();
    const out: Record<string, number> = {};
    for (const name of names) out[name] = await w.api.db.collection(name).countDocuments();
    return out;
  }

  async function send(g: Generated): Promise<{ status: number; text: string; contentType: string; url: string }> {
    let path = g.route.path;
    if (g.route.id) {
      const id = g.idChoice.valid ? validIds[g.idChoice.valid]! : g.idChoice.raw ? g.idChoice.text : encodeURIComponent(g.idChoice.text);
      path = path.replace(':id', id);
    }
    const qs = g.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const url = `${w.api.baseUrl}${path}${qs ? `?${qs}` : ''}`;
    const headers: Record<string, string> = { ...g.headerValues };
    const token = { anonymous: undefined, citizenA: w.tokens.citizenA, siteManager: w.tokens.siteManager, admin: w.tokens.admin, garbage: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', malformed: undefined }[g.caller];
    if (token) headers.authorization = `Bearer ${token}`;
    if (g.caller === 'malformed') headers.authorization = 'Bearer {"$gt":""} extra';
    let body: Buffer | undefined;
    if (g.body.kind === 'text') {
      headers['content-type'] = g.body.contentType;
      body = Buffer.from(g.body.text);
    } else if (g.body.kind === 'form') {
      const form = new FormData();
      for (const part of g.body.parts) form.append(part.name, new Blob([part.bytes], { type: part.type }), 'f.bin');
      const encoded = new Response(form);
      headers['content-type'] = encoded.headers.get('content-type')!;
      body = Buffer.from(await encoded.arrayBuffer());
    }
    if (body) headers['content-length'] = String(body.length);
    // node:http sends the path exactly as built (fetch would normalise `..` and reject bodies on GET).
    const target = new URL(w.api.baseUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: target.hostname, port: target.port, method: g.route.method, path: `${target.pathname}${path}${qs ? `?${qs}` : ''}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? ''), url }));
        res.on('error', reject);
      });
      // The server may answer (413, 415) and close before reading everything we send.
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
      req.end(body);
    });
  }

  it(`answers ${RUNS} generated bad requests without a 5xx, always in the error shape, writing nothing`, async () => {
    const requests = fc.sample(anyRequest, { numRuns: RUNS, seed: SEED });
    // The instance's first read of the sites saves the site index for new instances (site_meta): a
    // write made by a good read, done before counting.
    expect((await w.api.request('GET', '/sites/index')).status).toBe(200);
    await vi.waitFor(async () => expect(await w.api.db.collection('site_meta').countDocuments({ _id: 'published-index' as never })).toBe(1));
    const before = await counts();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();

    async function worker() {
      while (next < requests.length) {
        const g = requests[next++]!;
        const r = await send(g);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        const problem = (() => {
          if (r.status >= 500) return `${r.status}`;
          if (r.status >= 400) {
            if (!r.contentType.includes('application/json')) return `${r.status} not JSON`;
            const parsed = JSON.parse(r.text);
            if (typeof parsed?.error?.code !== 'string' || typeof parsed?.error?.message !== 'string') return `${r.status} not the error shape`;
            return null;
          }
          if (g.route.method !== 'GET') return `${r.status}: a bad write was accepted`;
          return null;
        })();
        if (problem && failures.length < 20) {
          const shown = g.body.kind === 'text' ? `${g.body.contentType} ${g.body.text.slice(0, 200)}` : g.body.kind;
          failures.push(`${problem} — ${g.route.method} ${r.url.slice(0, 300)} as ${g.caller} body=${shown} → ${r.text.slice(0, 200)}`);
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const after = await counts();

    console.info(`fuzz: ${requests.length} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures.join('\n')).toBe('');
    expect(after).toEqual(before);
    expect(requests.length).toBe(RUNS);
    // Every route was tried.
    expect(new Set(requests.map((g) => `${g.route.method} ${g.route.path}`)).size).toBe(ROUTES.length);
  }, 600_000);

  it('a control request of each kind is answered normally, so the fuzz oracle can fail', async () => {
    const ok = await w.request('GET', `/sites/${w.site1.id}`);
    expect(ok.status).toBe(200);
    const write = await w.request('PUT', `/sites/${w.site1.id}/follow`, { token: w.tokens.citizenB });
    expect(write.status).toBe(200);
    expect(await w.api.db.collection('follows').countDocuments({ userId: w.people.citizenB.id })).toBe(1);
  });
});

