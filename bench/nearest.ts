/**
 * Nearest-10 benchmark: the API's geo index (cloud/src/sites/geo.ts, kdbush + geokdbush) against a
 * linear top-k scan over the same random sites around China, measured in the same run.
 *
 *   npx tsx bench/nearest.ts            (1,000 / 100,000 / 1,000,000 sites)
 *   node --expose-gc --import tsx bench/nearest.ts   (steadier memory figures)
 *
 * Prints one line per size: `nearest-10 n=… kdtree=…us scan=…us ratio=…x build=…ms mem=…MB`, where mem
 * is the growth of V8 heap plus array buffers (kdbush keeps its tree in an ArrayBuffer) while building.
 */
import { pathToFileURL } from 'node:url';
import { GeoIndex, nearestByScan, type Positioned } from '../cloud/src/sites/geo.js';

export interface NearestResult {
  n: number;
  k: number;
  kdtreeUs: number;
  scanUs: number;
  ratio: number;
  buildMs: number;
  memMB: number;
}

/** Deterministic pseudo-random numbers (mulberry32) so runs are comparable. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A point inside mainland China's bounding box (18–53° N, 73–135° E). */
const inChina = (rnd: () => number): Positioned => ({ lat: 18 + rnd() * 35, lng: 73 + rnd() * 62 });

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
const memoryNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** Runs `fn` over the queries until `minMs` has passed (at least `minRuns`, at most all); µs per query. */
function timePerQuery(queries: Positioned[], minRuns: number, minMs: number, fn: (q: Positioned) => unknown): number {
  let runs = 0;
  const started = process.hrtime.bigint();
  let elapsedMs = 0;
  while (runs < queries.length && (runs < minRuns || elapsedMs < minMs)) {
    fn(queries[runs]!);
    runs++;
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  }
  return (elapsedMs * 1000) / runs;
}

export function measure(n: number, k = 10): NearestResult {
  const rnd = random(n);
  const sites = Array.from({ length: n }, () => inChina(rnd));
  const queries = Array.from({ length: 2000 }, () => inChina(rnd));

  collect();
  const memBefore = memoryNow();
  const buildStarted = process.hrtime.bigint();
  const index = new GeoIndex(sites);
  const buildMs = Number(process.hrtime.bigint() - buildStarted) / 1e6;
  collect();
  const memMB = Math.max(0, memoryNow() - memBefore) / 2 ** 20;

  // Both must give the same answer before their speeds mean anything.
  for (const q of queries.slice(0, 5)) {
    const a = index.nearest(q.lat, q.lng, k).map((r) => r.item);
    const b = nearestByScan(sites, q.lat, q.lng, k).map((r) => r.item);
    if (a.length !== b.length || a.some((item, i) => item !== b[i])) throw new Error(`k-d tree and scan disagree at n=${n}`);
  }

  // Warm both paths up (JIT) on queries that are not timed.
  for (let round = 0; round < 5; round++) for (const q of queries.slice(-200)) index.nearest(q.lat, q.lng, k);
  for (const q of queries.slice(-3)) nearestByScan(sites, q.lat, q.lng, k);
  const kdtreeUs = timePerQuery(queries.slice(0, -200), 500, 300, (q) => index.nearest(q.lat, q.lng, k));
  const scanUs = timePerQuery(queries, 5, 500, (q) => nearestByScan(sites, q.lat, q.lng, k));
  return { n, k, kdtreeUs, scanUs, ratio: scanUs / kdtreeUs, buildMs, memMB };
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export function formatResult(r: NearestResult): string {
  return `nearest-${r.k} n=${r.n} kdtree=${fmt(r.kdtreeUs)}us scan=${fmt(r.scanUs)}us ratio=${r.ratio >= 10 ? r.ratio.toFixed(0) : r.ratio.toFixed(1)}x build=${fmt(r.buildMs)}ms mem=${fmt(r.memMB)}MB`;
}

/** Measures each size and prints one line per size; returns the results. */
export async function main(sizes: number[] = [1_000, 100_000, 1_000_000], print: (line: string) => void = console.log): Promise<NearestResult[]> {
  const results: NearestResult[] = [];
  for (const n of sizes) {
    const result = measure(n);
    results.push(result);
    print(formatResult(result));
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
