/**
 * API throughput: nearest-site requests per second through the whole HTTP stack (server.ts + app +
 * in-memory geo index, FerretDB behind it) beside a bare node:http server answering the same JSON,
 * measured one after the other in the same run with the same load generator; p99 at 16 clients.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { startTarget, type Target } from './child.js';
import { queryPoints } from './sites.js';

export interface ApiBenchOptions {
  sites: number;
  connections: number;
  /** Seconds of measured load per server (after a short warm-up). */
  seconds: number;
}

export interface ApiBenchResult {
  api: Result;
  /** The same requests with `Accept-Encoding: gzip, deflate, br`, as phones send (brotli answers). */
  apiPhone: Result;
  bare: Result;
  payloadBytes: number;
  seedMs: number;
}

async function load(url: string, paths: string[], connections: number, seconds: number, headers: Record<string, string> = {}): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: paths.map((path) => ({ method: 'GET', path, headers })),
  });
}

const PHONE = { 'accept-encoding': 'gzip, deflate, br' };

export async function apiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const paths = queryPoints(64).map((p) => `/api/v1/sites?near=${p.lat},${p.lng}&limit=20`);
  const tmp = mkdtempSync(join(tmpdir(), 'memorial-map-bench-payload-'));
  let stack: Target<{ url: string; seedMs: number }> | undefined;
  let bare: Target<{ url: string }> | undefined;
  try {
    stack = await startTarget<{ url: string; seedMs: number }>(['stack', String(options.sites)]);
    const sample = await fetch(stack.info.url + paths[0]);
    if (sample.status !== 200) throw new Error(`nearest request answered ${sample.status}`);
    const payload = await sample.text();
    const parsed = JSON.parse(payload) as { items: unknown[] };
    if (parsed.items.length !== 20) throw new Error(`nearest request returned ${parsed.items.length} items, expected 20`);
    writeFileSync(join(tmp, 'payload.json'), payload);
    bare = await startTarget(['bare', join(tmp, 'payload.json')]);

    // Warm-up (JIT, connection pools), then the measured runs, each server alone on the CPUs.
    await load(bare.info.url, paths, options.connections, 2);
    const bareResult = await load(bare.info.url, paths, options.connections, options.seconds);
    await bare.stop();
    await load(stack.info.url, paths, options.connections, 2);
    const apiResult = await load(stack.info.url, paths, options.connections, options.seconds);
    const apiPhone = await load(stack.info.url, paths, options.connections, options.seconds, PHONE);
    return { api: apiResult, apiPhone, bare: bareResult, payloadBytes: Buffer.byteLength(payload), seedMs: stack.info.seedMs };
  } finally {
    await bare?.stop();
    await stack?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
