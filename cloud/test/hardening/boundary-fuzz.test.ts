import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type Person, type World } from './world.js';

/**
 * Past the edge: a valid request with ONE field replaced by a boundary or odd value (dates that do not
 * exist, 24:00, latitudes past the pole, NaN-ish numbers, control characters, emoji, huge counts) so
 * that it gets through or near the schema into the services. Writes may succeed here; what must hold
 * is that nothing answers 5xx and every refusal is in the error shape.
 */

const RUNS = Number(process.env.BOUNDARY_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

const odd = fc.oneof(
  fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }),
  fc.constantFrom<unknown>(0, -0, -1, 1, 2, 7, 8, 24, 60, 90, 90.000001, -90.1, 180.5, 1e21, 2 ** 53 + 1, 0.1 + 0.2, 1e-320),
  fc.double({ noNaN: true }),
  fc.constantFrom<unknown>('', ' ', '0', '00:00', '23:59', '24:00', '09:60', '9:00', '2026-02-29', '2028-02-29', '2026-13-01', '2026-12-32', '1970-01-01', '9999-12-31', '2026-12-01T00:00:00Z', '\u0000', '\u202e反转', '🙂🙂', '张'.repeat(201), '  前后空格  ', 'a\nb', '13800000000', '+8613812345678', '0'.repeat(24), 'f'.repeat(24)),
  fc.string({ maxLength: 30 }),
  fc.boolean(),
  fc.constant<unknown>(null),
  fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 8 }),
  fc.constant<unknown>([]),
  fc.constant<unknown>({}),
);

interface Template {
  method: 'POST' | 'PUT' | 'PATCH';
  path: (w: World) => string | Promise<string>;
  caller: (w: World) => Promise<Person> | Person;
  body: (w: World) => Record<string, unknown>;
  headers?: (w: World) => Promise<Record<string, string>> | Record<string, string>;
}

const TEMPLATES: Template[] = [
  {
    method: 'PUT',
    path: (w) => `/admin/sites/${w.site2.id}/slot-template`,
    caller: (w) => w.people.admin,
    body: () => ({ weekdays: [1, 2, 3, 4, 5, 6, 7], slots: [{ start: '09:00', end: '10:00', capacity: 20 }], overrides: [{ date: '2026-12-05', closed: true }], bookingWindowDays: 14, cancelCutoffMinutes: 60, maxCompanions: 4 }),
  },
  {
    method: 'POST',
    path: () => '/bookings',
    caller: (w) => w.someone(),
    body: (w) => ({ slotId: w.slot(w.day(3), '14:00'), partySize: 1, contactName: '钱七', contactPhone: '13712345678', organization: '社区' }),
    headers: () => ({ 'Idempotency-Key': randomUUID() }),
  },
  {
    method: 'POST',
    path: () => '/proxy-sweeps',
    caller: (w) => w.someone(),
    body: (w) => ({ siteId: w.site1.id, martyrId: w.martyr.id, services: ['clean_headstone'], preferredDate: w.day(4), message: '想念', relationship: '孙女', contactPhone: '13812345678' }),
  },
  {
    method: 'POST',
    path: () => '/tributes',
    caller: (w) => w.someone(),
    body: (w) => ({ martyrId: w.martyr.id, kind: 'message', message: '英雄永垂不朽' }),
  },
  {
    method: 'POST',
    path: () => '/admin/sites',
    caller: (w) => w.people.admin,
    body: () => ({ code: `BF-${randomUUID().slice(0, 8).toUpperCase()}`, name: '边界纪念碑', level: 'county', category: 'monument', district: '洪山区', address: '边界路', location: { lat: 30.4, lng: 114.4 }, coordSystem: 'wgs84', status: 'draft', phone: '027-88888888' }),
  },
  {
    method: 'PATCH',
    path: (w) => `/admin/sites/${w.site2.id}`,
    caller: (w) => w.people.admin,
    body: () => ({ name: '另一处烈士纪念碑', openingHours: { text: '09:00-17:00' }, intro: '简介' }),
    headers: async (w) => ({ 'If-Match': String((await w.api.services.sites.getSite(w.site2.id)).version) }),
  },
  {
    method: 'POST',
    path: (w) => `/admin/sites/${w.site1.id}/patrols`,
    caller: (w) => w.people.siteStaff,
    body: () => ({ location: { lat: 30.54, lng: 114.36 }, coordSystem: 'gcj02', condition: 'good', note: '正常' }),
  },
  {
    method: 'POST',
    path: (w) => `/admin/sites/${w.site1.id}/martyrs`,
    caller: (w) => w.people.admin,
    body: () => ({ name: '边界烈士', gender: 'male', birthYear: 1910, deathYear: 1938, hometown: '湖北', graveLocation: { lat: 30.54, lng: 114.36 } }),
  },
  {
    method: 'POST',
    path: () => '/admin/staff',
    caller: (w) => w.people.admin,
    body: (w) => ({ username: `bf${randomUUID().slice(0, 8)}`, password: 'boundary-pass-1', roles: ['staff'], siteIds: [w.site1.id] }),
  },
];

/** Replaces the value at a dotted path (`slots.0.start`) in a JSON-like object. */
function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)!] = value;
}

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    return [prefix, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))].filter((p) => p.length > 0);
  }
  return prefix.length ? [prefix] : [];
}

describe('boundary values one field at a time on the write routes', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  }, 120_000);
  afterAll(() => w.close());

  it(`answers ${RUNS} near-valid writes without a 5xx, refusals in the error shape`, async () => {
    const cases = fc.sample(fc.tuple(fc.nat(TEMPLATES.length - 1), fc.nat(1000), odd), { numRuns: RUNS, seed: SEED });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    async function worker() {
      while (next < cases.length) {
        const [t, pick, value] = cases[next++]!;
        const template = TEMPLATES[t]!;
        const body = template.body(w);
        const paths = leafPaths(body);
        const path = paths[pick % paths.length]!;
        setAt(body, path, value);
        const caller = await template.caller(w);
        const res = await w.request(template.method, await template.path(w), { token: caller.token, body, headers: template.headers ? await template.headers(w) : {} });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const bad = res.status >= 500 || (res.status >= 400 && (typeof res.body?.error?.code !== 'string' || typeof res.body?.error?.message !== 'string'));
        if (bad && failures.length < 20) failures.push(`${res.status} ${template.method} ${await template.path(w)} ${path.join('.')}=${JSON.stringify(value)?.slice(0, 80)} → ${res.text.slice(0, 200)}`);
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker));
    console.info(`boundary fuzz: ${cases.length} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(failures.join('\n')).toBe('');
  }, 300_000);
});
