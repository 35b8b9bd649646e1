/**
 * Requests/s, p50/p99 and errors for the citizen endpoints under load — nearest sites, site detail,
 * offering a flower (POST /tributes) and a site's booking slots — each through the whole stack (API
 * child process, FerretDB) and, in the same run, a bare node:http server answering that endpoint's
 * real JSON. Tribute writes rotate through signed citizen tokens so the per-user limit (20 a minute)
 * is never what is measured. Booking writes are measured by bench/bookings.ts (a burst on few seats).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { signToken } from '../cloud/src/accounts/tokens.js';
import { loadConfig } from '../cloud/src/config.js';
import { startTarget, type Target } from './child.js';
import { queryPoints } from './sites.js';

export interface EndpointResult {
  name: string;
  what: string;
  api: Result;
  bare: Result;
}

interface Endpoint {
  name: string;
  what: string;
  method: 'GET' | 'POST';
  paths: string[];
  body?: string;
  auth?: boolean;
}

const TOKENS = 4000;

/** Rotates across every run of the process, so no token comes round twice within a minute. */
let next = 0;

async function load(url: string, endpoint: Endpoint, tokens: string[], connections: number, seconds: number): Promise<Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: endpoint.paths.map((path) => ({
      method: endpoint.method,
      path,
      ...(endpoint.body ? { body: endpoint.body, headers: { 'content-type': 'application/json' } } : {}),
      ...(endpoint.auth
        ? { setupRequest: (req: Record<string, any>) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }) }
        : {}),
    })),
  });
}

export async function endpointsBench(options: { sites: number; connections: number; seconds: number }): Promise<EndpointResult[]> {
  // The stack child runs with NODE_ENV=development: its tokens are signed with the development secret.
  const config = loadConfig({ NODE_ENV: 'development' });
  const now = new Date();
  const tokens = await Promise.all(
    Array.from({ length: TOKENS }, (_, i) => signToken({ sub: `bench-citizen-${i}`, kind: 'citizen', roles: ['citizen'], siteIds: [] }, config.jwtSecret, 3600, now)),
  );
  const tmp = mkdtempSync(join(tmpdir(), 'memorial-map-bench-endpoints-'));
  let stack: Target<{ url: string }> | undefined;
  const results: EndpointResult[] = [];
  try {
    stack = await startTarget<{ url: string }>(['stack', String(options.sites)]);
    const base = stack.info.url;
    const points = queryPoints(64);
    const near = await (await fetch(`${base}/api/v1/sites?near=${points[0]!.lat},${points[0]!.lng}&limit=20`)).json() as { items: Array<{ id: string }> };
    const siteIds = near.items.map((s) => s.id);
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const endpoints: Endpoint[] = [
      { name: 'nearest', what: 'GET /sites?near=…&limit=20', method: 'GET', paths: points.map((p) => `/api/v1/sites?near=${p.lat},${p.lng}&limit=20`) },
      { name: 'site-detail', what: 'GET /sites/:id', method: 'GET', paths: siteIds.map((id) => `/api/v1/sites/${id}`) },
      { name: 'tribute', what: 'POST /tributes (flower, one hot site)', method: 'POST', paths: [`/api/v1/tributes`], body: JSON.stringify({ siteId: siteIds[0], kind: 'flower' }), auth: true },
      { name: 'slots', what: 'GET /sites/:id/slots?date=today', method: 'GET', paths: siteIds.map((id) => `/api/v1/sites/${id}/slots?date=${today}`) },
    ];
    for (const endpoint of endpoints) {
      const sample = await fetch(base + endpoint.paths[0], {
        method: endpoint.method,
        headers: { ...(endpoint.body ? { 'content-type': 'application/json' } : {}), ...(endpoint.auth ? { authorization: `Bearer ${tokens[TOKENS - 1]}` } : {}) },
        body: endpoint.body,
      });
      if (sample.status >= 300) throw new Error(`${endpoint.what} answered ${sample.status}: ${await sample.text()}`);
      const file = join(tmp, `${endpoint.name}.json`);
      writeFileSync(file, await sample.text());
      const bare = await startTarget<{ url: string }>(['bare', file]);
      try {
        await load(bare.info.url, endpoint, tokens, options.connections, 1);
        const bareResult = await load(bare.info.url, endpoint, tokens, options.connections, options.seconds);
        await bare.stop();
        await load(base, endpoint, tokens, options.connections, 1);
        const apiResult = await load(base, endpoint, tokens, options.connections, options.seconds);
        results.push({ name: endpoint.name, what: endpoint.what, api: apiResult, bare: bareResult });
      } finally {
        await bare.stop();
      }
    }
    return results;
  } finally {
    await stack?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
