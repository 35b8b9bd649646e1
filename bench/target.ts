/**
 * A server under test, run as a child process so the load generator (bench/run.ts) never shares its
 * event loop. `stack [sites] [--static]`: FerretDB + API (+ H5) seeded with benchmark sites;
 * `bare <payload.json>`: a plain node:http server answering that JSON. Prints `READY {json}` once
 * listening; stops when its stdin closes or on SIGTERM/SIGINT.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { H5_DIR, startStack } from '../scripts/stack.js';
import { seedBenchSites } from './sites.js';

type Stop = () => Promise<void>;

async function bare(payloadFile: string): Promise<{ info: object; stop: Stop }> {
  const payload: unknown = JSON.parse(readFileSync(payloadFile, 'utf8'));
  const server = createServer((_req, res) => {
    const body = JSON.stringify(payload);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://127.0.0.1:${port}` },
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

async function stack(sites: number, withStatic: boolean): Promise<{ info: object; stop: Stop }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-bench-'));
  let seedMs = 0;
  const running = await startStack({
    dataDir,
    port: 0,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    staticDir: withStatic ? H5_DIR : undefined,
    seed: async (services) => {
      const t0 = performance.now();
      await seedBenchSites(services, sites);
      seedMs = performance.now() - t0;
    },
    log: (m) => process.stderr.write(`[target] ${m}\n`),
  });
  return {
    info: { url: running.url, db: running.db.kind, sites, seedMs: Math.round(seedMs) },
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const [mode, arg, ...rest] = process.argv.slice(2);
  const target =
    mode === 'bare'
      ? await bare(arg!)
      : mode === 'stack'
        ? await stack(Number(arg ?? 1000), rest.includes('--static'))
        : (() => {
            throw new Error(`unknown mode ${mode}`);
          })();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await target.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.stdout.write(`READY ${JSON.stringify(target.info)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[target] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
