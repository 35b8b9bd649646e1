/**
 * Tribute write benchmark: flowers through the API (POST /api/v1/tributes on one hot site: rate limit,
 * insert, atomic counters) beside the same number of plain `insertOne`s through the driver, measured
 * in the same run against the same database server, at the same concurrency.
 *
 *   npx tsx bench/tributes.ts [count=2000] [concurrency=50]
 *
 * Prints one line: `tributes n=… c=… api=…/s plain-insert=…/s api/plain=…x exact=yes|NO db=…`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { createApp } from '../cloud/src/app.js';
import { loadConfig } from '../cloud/src/config.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import { createLogger } from '../cloud/src/logger.js';

export interface TributeBenchResult {
  n: number;
  concurrency: number;
  apiPerSecond: number;
  plainPerSecond: number;
  exact: boolean;
  db: string;
}

/** Runs `count` tasks with `width` in flight; returns the seconds taken. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

export async function measure(n = 2000, concurrency = 50): Promise<TributeBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-bench-tributes-'));
  const server = await startDatabase({ dataDir });
  const client = new MongoClient(server.uri);
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', MONGODB_URI: server.uri, MONGODB_DB: 'bench_tributes' });
  const db = client.db(config.mongoDb);
  const http = createServer();
  try {
    await db.dropDatabase();
    const built = createApp({ config, db, logger: createLogger('silent') });
    await built.ready();
    http.on('request', built.app);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`;
    const post = (path: string, body: unknown, token?: string) =>
      fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });

    const site = await built.services.sites.createSite({
      code: 'BENCH-HOT',
      name: '基准测试烈士陵园',
      level: 'national',
      category: 'cemetery',
      district: '武昌区',
      address: '武汉市武昌区',
      location: { lat: 30.55, lng: 114.3 },
      status: 'published',
    });
    // 10 tributes per person keeps every person inside the per-user limit (20 a minute).
    const people: string[] = [];
    for (let i = 0; i < Math.ceil(n / 10); i++) {
      const res = await post('/auth/dev', { openid: `bench-${i}` });
      people.push(((await res.json()) as { token: string }).token);
    }

    let failures = 0;
    const apiSeconds = await pool(n, concurrency, async (i) => {
      const res = await post('/tributes', { siteId: site.id, kind: 'flower' }, people[i % people.length]);
      if (res.status !== 201) failures++;
      await res.arrayBuffer();
    });
    const stats = (await (await fetch(`${base}/sites/${site.id}/tribute-stats`)).json()) as { flower: number };

    const plain = db.collection('bench_plain_inserts');
    const plainSeconds = await pool(n, concurrency, async (i) => {
      await plain.insertOne({ userId: `u${i % people.length}`, kind: 'flower', siteId: site.id, siteName: site.name, status: 'published', moderation: { reasons: [] }, createdAt: new Date() });
    });

    return {
      n,
      concurrency,
      apiPerSecond: n / apiSeconds,
      plainPerSecond: n / plainSeconds,
      exact: failures === 0 && stats.flower === n,
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

export function format(r: TributeBenchResult): string {
  return (
    `tributes n=${r.n} c=${r.concurrency} api=${r.apiPerSecond.toFixed(0)}/s plain-insert=${r.plainPerSecond.toFixed(0)}/s ` +
    `api/plain=${(r.apiPerSecond / r.plainPerSecond).toFixed(2)}x exact=${r.exact ? 'yes' : 'NO'} db=${r.db}`
  );
}

/** Entry for bench/run.ts: prints the one line. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const [count, concurrency] = argv.map(Number);
  console.log(format(await measure(count || 2000, concurrency || 50)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
