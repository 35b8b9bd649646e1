/**
 * Cold start of the cloud function: a fresh Node process loads the bundled function
 * (dist/functions/api/index.js, what SCF/CloudBase run) and answers its first SCF event, beside a fresh
 * process loading a bare serverless-http handler and answering the same event. Each side runs
 * `RUNS` times in turn; medians are compared (target: the function ≤ 2× the bare handler). Also the
 * bundle's size, raw and gzipped (what the upload zip roughly carries).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startDatabase } from '../cloud/src/db/launcher.js';
import { buildFunctions } from '../scripts/build-functions.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = 7;

export interface ColdStartResult {
  /** First event GET /sites/index (fast lane). */
  fn: Sample;
  /** First event GET /martyrs (a route of the full app). */
  fnFull: Sample;
  bare: Sample;
  bundleBytes: number;
  /** Everything in the function's folder (what is uploaded). */
  folderBytes: number;
  bundleGzipBytes: number;
  runs: number;
}

/** Milliseconds, medians over the runs: process spawn → handler loaded → first answer. */
interface Sample {
  loadMs: number;
  firstAnswerMs: number;
  wallMs: number;
  status: number;
}

/** The probe each child runs: load the handler module, answer one SCF API-gateway event, print timings. */
const PROBE = `
const t0 = performance.now();
const mod = require(process.env.PROBE_MODULE);
const t1 = performance.now();
const event = {
  requestContext: { serviceId: 'service-bench', path: '/api', httpMethod: 'GET', requestId: 'cold', identity: {}, sourceIp: '10.0.0.1', stage: 'release' },
  headers: { host: 'api.example.cn' }, body: '', pathParameters: {}, queryStringParameters: {}, headerParameters: {},
  stageVariables: { stage: 'release' }, path: process.env.PROBE_PATH, queryString: {}, httpMethod: 'GET', isBase64Encoded: false,
};
Promise.resolve(mod.main(event, {})).then((r) => {
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, status: r.statusCode, sinceBoot: t2 }) + '\\n');
  process.exit(0);
}, (e) => { console.error(e); process.exit(1); });
`;

const BARE = `
const serverless = require(${JSON.stringify(join(ROOT, 'node_modules', 'serverless-http'))});
const body = JSON.stringify({ version: 'bare', items: [] });
exports.main = serverless((req, res) => { res.setHeader('content-type', 'application/json'); res.end(body); });
`;

function probe(modulePath: string, env: NodeJS.ProcessEnv, path = '/api/v1/sites/index'): Promise<Sample> {
  return new Promise((resolveSample, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', PROBE], { env: { ...env, PROBE_MODULE: modulePath, PROBE_PATH: path }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`cold-start probe for ${modulePath} exited ${code}`));
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as { load: number; first: number; status: number };
      resolveSample({ loadMs: r.load, firstAnswerMs: r.first, wallMs, status: r.status });
    });
  });
}

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? folderSize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function summarise(samples: Sample[]): Sample {
  return {
    loadMs: median(samples.map((s) => s.loadMs)),
    firstAnswerMs: median(samples.map((s) => s.firstAnswerMs)),
    wallMs: median(samples.map((s) => s.wallMs)),
    status: samples.every((s) => s.status === samples[0]!.status) ? samples[0]!.status : -1,
  };
}

export async function coldStartBench(): Promise<ColdStartResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'memorial-map-cold-'));
  const db = await startDatabase({ dataDir: join(tmp, 'db'), env: { ...process.env, MONGODB_URI: process.env.MONGODB_URI ?? '' } });
  try {
    const [api] = (await buildFunctions(join(tmp, 'functions'))).filter((f) => f.name === 'api');
    if (!api) throw new Error('no api function was built');
    const bytes = readFileSync(join(dirname(api.file), 'bundle.js'));
    const barePath = join(tmp, 'bare.cjs');
    writeFileSync(barePath, BARE);
    const env = { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'warn', MONGODB_URI: db.uri, MONGODB_DB: 'coldstart' };
    const fn: Sample[] = [];
    const fnFull: Sample[] = [];
    const bare: Sample[] = [];
    // Alternate the two so both see the same machine state (page cache, other load).
    for (let i = 0; i < RUNS; i++) {
      fn.push(await probe(api.file, env));
      bare.push(await probe(barePath, env));
      // A route only the full app serves (martyr search): loads app.js, Express and the domains.
      fnFull.push(await probe(api.file, env, '/api/v1/martyrs'));
    }
    const fullStatus = summarise(fnFull).status;
    if (fullStatus !== 200) throw new Error(`GET /martyrs answered ${fullStatus}, expected 200`);
    return { fn: summarise(fn), fnFull: summarise(fnFull), bare: summarise(bare), bundleBytes: bytes.length, bundleGzipBytes: gzipSync(bytes).length, folderBytes: folderSize(dirname(api.file)), runs: RUNS };
  } finally {
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
