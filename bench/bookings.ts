/**
 * Booking burst benchmark: N booking requests fired at once through the API (POST /api/v1/bookings:
 * auth, rate limit, idempotency lookup, rules, atomic conditional seat take, unique-keyed record) at one
 * slot with S seats, beside N plain `findOneAndUpdate({remaining ≥ 1}, {$inc: -1})` calls through the
 * driver on a counter with S left, both fired all at once in the same run against the same server.
 *
 *   npx tsx bench/bookings.ts [requests=1000] [seats=100]
 *
 * Prints one line: `bookings n=… seats=… booked=… full=… other=… exact=yes|NO api p50/p99 … plain p50/p99 … db=…`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { createApp } from '../cloud/src/app.js';
import { addDays, shanghaiDate } from '../cloud/src/bookings/dates.js';
import { slotIdOf } from '../cloud/src/bookings/rules.js';
import { loadConfig } from '../cloud/src/config.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import type { Caller } from '../cloud/src/http/context.js';
import { createLogger } from '../cloud/src/logger.js';

export interface BookingBenchResult {
  n: number;
  seats: number;
  booked: number;
  full: number;
  other: number;
  remaining: number;
  recorded: number;
  api: Latency;
  plain: Latency & { decremented: number; remaining: number };
  db: string;
}

interface Latency {
  p50: number;
  p99: number;
  totalMs: number;
}

function latency(samples: number[], totalMs: number): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), totalMs };
}

/** Fires every task at once and times each one and the whole. */
async function burst<T>(count: number, task: (i: number) => Promise<T>): Promise<{ results: T[]; latency: Latency }> {
  const samples: number[] = [];
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      const result = await task(i);
      samples.push(performance.now() - t0);
      return result;
    }),
  );
  return { results, latency: latency(samples, performance.now() - started) };
}

export async function measure(n = 1000, seats = 100): Promise<BookingBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-bench-bookings-'));
  const server = await startDatabase({ dataDir });
  const client = new MongoClient(server.uri);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', MONGODB_URI: server.uri, MONGODB_DB: 'bench_bookings' });
  const db = client.db(config.mongoDb);
  const http = createServer();
  try {
    await db.dropDatabase();
    const built = createApp({ config, db, logger: createLogger('silent') });
    await built.ready();
    http.on('request', built.app);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`;

    const site = await built.services.sites.createSite({
      code: 'BENCH-BOOK',
      name: '基准测试烈士陵园',
      level: 'national',
      category: 'cemetery',
      district: '武昌区',
      address: '武汉市武昌区',
      location: { lat: 30.55, lng: 114.3 },
      status: 'published',
    });
    const admin: Caller = { id: 'bench-admin', kind: 'staff', roles: ['admin'], siteIds: [] };
    await built.services.bookings.putTemplate(admin, site.id, {
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      slots: [{ start: '09:00', end: '10:00', capacity: seats }],
      overrides: [],
      bookingWindowDays: 7,
      cancelCutoffMinutes: 60,
      maxCompanions: 4,
      group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 },
    });
    const date = addDays(shanghaiDate(new Date()), 1);
    const slotId = slotIdOf(site.id, date, '09:00');
    // One person per request (one booking per person and day); tokens made by the service, not the rate-limited sign-in.
    const tokens: string[] = [];
    for (let i = 0; i < n; i += 50) {
      const batch = Array.from({ length: Math.min(50, n - i) }, (_, j) => built.services.accounts.signInDev(`bench-booking-${i + j}`));
      tokens.push(...(await Promise.all(batch)).map((a) => a.token));
    }

    const api = await burst(n, async (i) => {
      const res = await fetch(`${base}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}`, 'idempotency-key': `bench-${i}-${date}` },
        body: JSON.stringify({ slotId, partySize: 1, contactName: '张三', contactPhone: `139${String(i).padStart(8, '0')}` }),
      });
      const body = (await res.json()) as { error?: { code: string } };
      return res.status === 201 ? 'booked' : res.status === 409 && body.error?.code === 'SLOT_FULL' ? 'full' : 'other';
    });
    const slot = await db.collection<{ _id: string; remaining: number }>('booking_slots').findOne({ _id: slotId });
    const recorded = await db.collection('bookings').countDocuments({ slotId, status: 'booked' });

    const counters = db.collection<{ _id: string; remaining: number }>('bench_plain_counters');
    await counters.insertOne({ _id: 'slot', remaining: seats });
    const plain = await burst(n, async () => counters.findOneAndUpdate({ _id: 'slot', remaining: { $gte: 1 } }, { $inc: { remaining: -1 } }));
    const plainLeft = (await counters.findOne({ _id: 'slot' }))?.remaining ?? -1;

    const count = (what: string) => api.results.filter((r) => r === what).length;
    return {
      n,
      seats,
      booked: count('booked'),
      full: count('full'),
      other: count('other'),
      remaining: slot?.remaining ?? -1,
      recorded,
      api: api.latency,
      plain: { ...plain.latency, decremented: plain.results.filter(Boolean).length, remaining: plainLeft },
      db: server.kind,
    };
  } finally {
    await new Promise<void>((r) => http.close(() => r()));
    await db.dropDatabase().catch(() => {});
    await client.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (v: number) => `${v.toFixed(1)}ms`;

export function format(r: BookingBenchResult): string {
  const exact = r.booked === r.seats && r.recorded === r.seats && r.remaining === 0 && r.full === r.n - r.seats && r.other === 0;
  return (
    `bookings n=${r.n} seats=${r.seats} booked=${r.booked} full=${r.full} other=${r.other} remaining=${r.remaining} exact=${exact ? 'yes' : 'NO'} ` +
    `api p50=${ms(r.api.p50)} p99=${ms(r.api.p99)} all=${(r.api.totalMs / 1000).toFixed(2)}s | ` +
    `plain findOneAndUpdate p50=${ms(r.plain.p50)} p99=${ms(r.plain.p99)} all=${(r.plain.totalMs / 1000).toFixed(2)}s taken=${r.plain.decremented} | ` +
    `api/plain p50=${(r.api.p50 / Math.max(r.plain.p50, 0.001)).toFixed(1)}x db=${r.db}`
  );
}

/** Entry for bench/run.ts: prints the one line. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const [count, seats] = argv.map(Number);
  console.log(format(await measure(count || 1000, seats || 100)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
