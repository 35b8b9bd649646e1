/**
 * Cold start of the cloud function: a fresh Node process loads the bundled function
 * (dist/functions/api/index.js, what SCF/CloudBase run) and answers its first SCF event, beside a fresh
 * process loading a bare serverless-http handler and answering the same event. Each side runs
 * `RUNS` times in turn; medians are compared (target: the function ≤ 2× the bare handler). Also the
 * bundle's size, raw and gzipped (what the upload zip roughly carries).
 *
 * The database holds the demo data (`npm start`'s 72 Wuhan sites), so the first answer does what a new
 * instance does in production: connect, read the sites' version stamp with the site index an earlier
 * instance saved (sites/published-index.ts), build the nearest index, answer. Also a new instance that
 * finds no saved index of the current version (no instance ran when the sites changed) and reads every
 * published site. The time the database itself takes for those reads is measured beside them (the
 * same reads on a warm connection, from this process): a bare handler reads nothing, and FerretDB is
 * slow per value read (bench/README.md), so the ratio is also given without them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bootstrap } from '../cloud/src/bootstrap.js';
import { closeAll, getDb } from '../cloud/src/db/connection.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import { seedDemo } from '../cloud/src/seed/demo.js';
import { SiteRepository } from '../cloud/src/sites/repository.js';
import { buildFunctions } from '../scripts/build-functions.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = 11;
const DB_NAME = 'coldstart';
/** The home page's first request: the nearest sites to where the phone is (src/boot/first-list.ts). */
const HOME_FIRST = '/api/v1/sites?near=30.5928,114.3055&limit=20';

export interface ColdStartResult {
  /** First event GET /sites?near=… (fast lane: the home page's first request). */
  fn: Sample;
  /** First event GET /sites/index (fast lane: the offline index). */
  fnIndex: Sample;
  /** First event GET /martyrs (a route of the full app). */
  fnFull: Sample;
  /** First event GET /sites?near=… with no saved index of the current version (reads every site). */
  fnUnsaved: Sample;
  bare: Sample;
  /** The database's own time for the reads a new instance makes before its first answer (median, warm). */
  dbReadsMs: number;
  /** The same without a saved index: the stamp, then every published site. */
  dbReadsUnsavedMs: number;
  sites: number;
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
  stageVariables: { stage: 'release' }, httpMethod: 'GET', isBase64Encoded: false,
  path: process.env.PROBE_PATH.split('?')[0], queryString: Object.fromEntries(new URLSearchParams(process.env.PROBE_PATH.split('?')[1] ?? '')),
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

function probe(modulePath: string, env: NodeJS.ProcessEnv, path = HOME_FIRST): Promise<Sample> {
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

/** Loads the demo data as `npm start` does; returns how many sites are published. */
async function seed(uri: string): Promise<number> {
  const instance = bootstrap({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', MONGODB_URI: uri, MONGODB_DB: DB_NAME });
  try {
    await instance.ready();
    await seedDemo(instance.services);
    return (await new SiteRepository(getDb(uri, DB_NAME, 5000).db).listPublishedForIndex()).length;
  } finally {
    await closeAll();
  }
}

/** What an instance that has built the site index saves for the next ones (the probes exit at once, before theirs lands). */
async function saveIndex(repo: SiteRepository): Promise<void> {
  const version = await repo.getVersionStamp();
  if (!(await repo.saveIndex(version, await repo.listPublishedForIndex()))) throw new Error('the demo site index was not saved');
}

/** As when the sites changed while no instance ran: no index of the current version is saved. */
async function dropSavedIndex(uri: string): Promise<void> {
  await getDb(uri, DB_NAME, 5000).db.collection('site_meta').deleteOne({ _id: 'published-index' as never });
}

/** Median time of `reads` on a warm connection. */
async function timed(reads: () => Promise<unknown>): Promise<number> {
  await reads(); // connected and warm: only the reads are timed
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await reads();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function coldStartBench(): Promise<ColdStartResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'memorial-map-cold-'));
  const db = await startDatabase({ dataDir: join(tmp, 'db'), env: { ...process.env, MONGODB_URI: process.env.MONGODB_URI ?? '' } });
  try {
    const sites = await seed(db.uri);
    const [api] = (await buildFunctions(join(tmp, 'functions'))).filter((f) => f.name === 'api');
    if (!api) throw new Error('no api function was built');
    const bytes = readFileSync(join(dirname(api.file), 'bundle.js'));
    const barePath = join(tmp, 'bare.cjs');
    writeFileSync(barePath, BARE);
    const env = { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'warn', MONGODB_URI: db.uri, MONGODB_DB: DB_NAME };
    const repo = new SiteRepository(getDb(db.uri, DB_NAME, 5000).db);
    const fn: Sample[] = [];
    const fnIndex: Sample[] = [];
    const fnFull: Sample[] = [];
    const fnUnsaved: Sample[] = [];
    const bare: Sample[] = [];
    // Alternate them so all see the same machine state (page cache, other load).
    for (let i = 0; i < RUNS; i++) {
      await saveIndex(repo);
      fn.push(await probe(api.file, env));
      bare.push(await probe(barePath, env));
      fnIndex.push(await probe(api.file, env, '/api/v1/sites/index'));
      // A route only the full app serves (martyr search): loads app.js, Express and the domains.
      fnFull.push(await probe(api.file, env, '/api/v1/martyrs'));
      await dropSavedIndex(db.uri);
      fnUnsaved.push(await probe(api.file, env));
    }
    for (const [what, samples] of [['GET /sites?near', fn], ['GET /sites/index', fnIndex], ['GET /martyrs', fnFull], ['GET /sites?near (no saved index)', fnUnsaved]] as const) {
      const status = summarise(samples).status;
      if (status !== 200) throw new Error(`${what} answered ${status}, expected 200`);
    }
    await saveIndex(repo);
    const dbReadsMs = await timed(() => repo.getStampAndSavedIndex());
    const dbReadsUnsavedMs = await timed(async () => {
      await repo.getStampAndSavedIndex();
      await repo.listPublishedForIndex();
    });
    await closeAll();
    return {
      fn: summarise(fn),
      fnIndex: summarise(fnIndex),
      fnFull: summarise(fnFull),
      fnUnsaved: summarise(fnUnsaved),
      bare: summarise(bare),
      dbReadsMs,
      dbReadsUnsavedMs,
      sites,
      bundleBytes: bytes.length,
      bundleGzipBytes: gzipSync(bytes).length,
      folderBytes: folderSize(dirname(api.file)),
      runs: RUNS,
    };
  } finally {
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
