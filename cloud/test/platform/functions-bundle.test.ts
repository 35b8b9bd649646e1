import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFunctions } from '../../../scripts/build-functions.js';
import { uniqueName } from '../helpers.js';

const run = promisify(execFile);

/** scripts/function-shims/lazy-builtin.cjs as the build bundles it for `name`; `loads` records each require. */
function lazyBuiltin<T>(name: string, laterCalls: string[], loads: string[] = []): T {
  const source = readFileSync(join(process.cwd(), 'scripts', 'function-shims', 'lazy-builtin.cjs'), 'utf8')
    .replace('require(LAZY_BUILTIN)', `require(${JSON.stringify(name)})`)
    .replace('new Set(LATER_CALLS)', `new Set(${JSON.stringify(laterCalls)})`);
  const nodeRequire = createRequire(import.meta.url);
  const shim = { exports: {} as unknown };
  new Function('module', 'require', source)(shim, (id: string) => (loads.push(id), nodeRequire(id)));
  return shim.exports as T;
}

/** Loads the bundle in a plain Node process (no TypeScript, no node_modules) as a cloud runtime would. */
const RUNNER = `
const started = Date.now();
const fn = require(process.argv[1]);
const requireMs = Date.now() - started;
const event = JSON.parse(process.argv[2]);
fn.main(event, {}).then((result) => {
  process.stdout.write(JSON.stringify({ requireMs, result, codeCache: fn.codeCache }));
  process.exit(0);
}, (error) => { console.error(error); process.exit(1); });
`;

describe('the deployable bundle (npm run build:functions)', () => {
  let outDir: string;
  let bundle: string;
  let jobsBundle: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'memorial-map-functions-'));
    const built = await buildFunctions(outDir);
    expect(built.map((b) => b.name)).toContain('api');
    bundle = built.find((b) => b.name === 'api')!.file;
    jobsBundle = built.find((b) => b.name === 'jobs')!.file;
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  async function invoke(env: Record<string, string>, event: object, file = bundle) {
    const { stdout } = await run(process.execPath, ['-e', RUNNER, file, JSON.stringify(event)], {
      cwd: outDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 30_000,
    });
    return JSON.parse(stdout) as { requireMs: number; result: { statusCode: number; body: string }; codeCache: string };
  }

  it('runs the scheduled jobs from the timer-trigger bundle and reports each one', async () => {
    const out = await invoke(
      { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('jobs') },
      { Type: 'Timer', TriggerName: 'every-minute', Time: '2026-04-04T02:00:00Z' },
      jobsBundle,
    );
    const report = out.result as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(report)).toEqual(['notifications.deliver', 'bookings.reconcile', 'tributes.reconcile', 'rate-limits.sweep', 'uploads.sweep']);
    for (const entry of Object.values(report)) expect(entry).not.toHaveProperty('error');
  });

  it('answers a Tencent SCF gateway event from a clean directory, against the database', async () => {
    const out = await invoke(
      { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('bundle') },
      { path: '/api/v1/sites', httpMethod: 'GET', headers: {}, queryString: { near: '30.59,114.30', limit: '5' }, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.9' }, body: '', isBase64Encoded: false },
    );
    expect(out.result.statusCode).toBe(200);
    expect(JSON.parse(out.result.body)).toEqual({ items: [] });
  });

  it('loads with its V8 code cache, and answers a route of the full app (loaded by that request) in the error shape', async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('bundle') };
    const probe = `const m = require(process.argv[1]); process.stdout.write(m.codeCache);`;
    const { stdout } = await run(process.execPath, ['-e', probe, bundle], { cwd: outDir, env: { PATH: process.env.PATH ?? '', ...env } });
    expect(stdout).toBe('used');

    const out = await invoke(env, { path: '/api/v1/sites/000000000000000000000000', httpMethod: 'GET', headers: {}, queryString: {}, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.9' }, body: '', isBase64Encoded: false });
    // The sites service (bundle.js) throws the AppError the error middleware (app.js) knows: one class.
    expect(out.result.statusCode).toBe(404);
    expect(JSON.parse(out.result.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // app.js, loaded by that request, was compiled with its own code cache too.
    expect(out.codeCache).toBe('used');
  });

  it('splits the api function: bundle.js holds the fast lane, app.js Express and the domains, taking the modules bundle.js has from it', () => {
    const dir = dirname(bundle);
    const core = readFileSync(join(dir, 'bundle.js'), 'utf8');
    const app = readFileSync(join(dir, 'app.js'), 'utf8');
    // app.ts turns off this Express header: only app.js has it.
    expect(app).toContain('x-powered-by');
    expect(core).not.toContain('x-powered-by');
    // The driver, the error class and the sites service exist once, in bundle.js.
    expect(core).toContain('MongoServerSelectionError');
    expect(app).not.toContain('MongoServerSelectionError');
    for (const shared of ['node_modules/mongodb/lib/index.js', 'cloud/src/errors.ts', 'cloud/src/sites/service.ts']) {
      expect(app).toContain(`@function-shared/${shared}`);
      expect(core).toContain(JSON.stringify(shared));
    }
    // zod's messages in other languages are left out (its own `en` stays; the API writes Chinese itself).
    expect(readFileSync(join(process.cwd(), 'node_modules', 'zod', 'v4', 'locales', 'zh-CN.js'), 'utf8')).toContain('无效输入');
    expect(core).not.toContain('\\u65E0\\u6548\\u8F93\\u5165');
    expect(core).not.toContain('无效输入');
    // The cold start's schemas (configuration, the sites queries) are zod/mini, tree-shaken in bundle.js;
    // the rest of the API keeps zod (with its own copy of zod's core in app.js, see NOT_SHARED).
    expect(core).toContain('"ZodMiniObject"');
    expect(core).not.toContain('"ZodObject"');
    expect(app).toContain('"ZodObject"');
    expect(app).not.toContain('@function-shared/node_modules/zod/');
    expect(statSync(join(dir, 'bundle.js.cache')).size).toBeGreaterThan(0);
    expect(statSync(join(dir, 'app.js.cache')).size).toBeGreaterThan(0);
  });

  it('loads without the built-ins the driver only needs later (TLS, DNS, assert), and answers the home page\'s first read', async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('bundle') };
    const probe = `
      const before = new Set(process.moduleLoadList);
      const fn = require(process.argv[1]);
      const loaded = process.moduleLoadList.filter((m) => !before.has(m)).map((m) => m.replace('NativeModule ', ''));
      fn.main(JSON.parse(process.argv[2]), {}).then((r) => { process.stdout.write(JSON.stringify({ loaded, status: r.statusCode })); process.exit(0); });`;
    const event = { path: '/api/v1/sites/index', httpMethod: 'GET', headers: {}, queryString: {}, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.9' }, body: '', isBase64Encoded: false };
    const { stdout } = await run(process.execPath, ['-e', probe, bundle, JSON.stringify(event)], { cwd: outDir, env: { PATH: process.env.PATH ?? '', ...env } });
    const out = JSON.parse(stdout) as { loaded: string[]; status: number };
    expect(out.status).toBe(200);
    expect(out.loaded).toContain('http');
    for (const builtin of ['tls', 'dns', 'assert', 'fs/promises', 'zlib']) expect(out.loaded).not.toContain(builtin);
  });

  it('a lazily required built-in behaves as the module once used: members, `in`, and calling it', () => {
    const assert = lazyBuiltin<typeof import('node:assert')>('node:assert', []);
    expect(() => assert(true)).not.toThrow();
    expect(() => assert(false, 'no')).toThrow('no');
    expect(typeof assert.deepStrictEqual).toBe('function');
    expect('strictEqual' in assert).toBe(true);
    expect(() => assert.strictEqual(1, 2)).toThrow();
  });

  it('a lazy built-in\'s member read at load to be called later (the driver binds zlib.inflate) requires the module only when called', async () => {
    const loads: string[] = [];
    const zlib = lazyBuiltin<typeof import('node:zlib')>('node:zlib', ['inflate', 'deflate'], loads);
    // As the driver's compression.js does at load: nothing is required yet.
    const deflate = promisify(zlib.deflate.bind(zlib));
    const inflate = promisify(zlib.inflate.bind(zlib));
    expect(loads).toEqual([]);
    const packed = await deflate(Buffer.from('烈士纪念设施'));
    expect(loads).toEqual(['node:zlib']);
    expect((await inflate(packed)).toString()).toBe('烈士纪念设施');
    expect(inflateSync(packed).toString()).toBe('烈士纪念设施');
    // Any other member is the module's own.
    expect(zlib.constants.Z_OK).toBe(0);
  });

  it('answers a query the fast lane refuses with the full app\'s 400, its details naming the field', async () => {
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('bundle') };
    const out = await invoke(env, { path: '/api/v1/sites', httpMethod: 'GET', headers: {}, queryString: { near: '30.59,114.30', limit: '0' }, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.9' }, body: '', isBase64Encoded: false });
    expect(out.result.statusCode).toBe(400);
    const body = JSON.parse(out.result.body) as { error: { code: string; details: unknown } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.error.details)).toContain('limit');
  });

  it('still answers when the code caches are missing or from another V8 (compiles as usual)', async () => {
    const copy = join(outDir, 'api-without-cache');
    cpSync(dirname(bundle), copy, { recursive: true });
    rmSync(join(copy, 'bundle.js.cache'));
    writeFileSync(join(copy, 'app.js.cache'), Buffer.from('not a code cache'));
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: uniqueName('bundle') };
    const out = await invoke(env, { path: '/api/v1/sites/000000000000000000000000', httpMethod: 'GET', headers: {}, queryString: {}, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.9' }, body: '', isBase64Encoded: false }, join(copy, 'index.js'));
    expect(out.result.statusCode).toBe(404);
    expect(out.codeCache).toBe('rejected');
  });

  it('keeps ExcelJS out of the bundle, in the function folder\'s node_modules where the XLSX import finds it', async () => {
    const dir = dirname(bundle);
    // ExcelJS writes this part name in every workbook: present in its module, absent from the bundle.
    expect(readFileSync(join(dir, 'node_modules', 'exceljs', 'index.js'), 'utf8')).toContain('xl/workbook.xml');
    expect(readFileSync(join(dir, 'bundle.js'), 'utf8')).not.toContain('xl/workbook.xml');
    const probe = `const Excel = require(require.resolve('exceljs', { paths: [process.argv[1]] })); process.stdout.write(typeof Excel.Workbook);`;
    const { stdout } = await run(process.execPath, ['-e', probe, dir], { cwd: outDir, env: { PATH: process.env.PATH ?? '' } });
    expect(stdout).toBe('function');
  });

  it('names its scripts without the build machine\'s folder in stack traces, wherever the folder is deployed', async () => {
    const deployed = join(outDir, 'deployed-elsewhere');
    cpSync(dirname(bundle), deployed, { recursive: true });
    const probe = `try { require(process.argv[1]); } catch (e) { process.stdout.write(e.stack); }`;
    const { stdout } = await run(process.execPath, ['-e', probe, join(deployed, 'index.js')], { cwd: outDir, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', MONGODB_URI: inject('mongoUri') } });
    expect(stdout).toContain('JWT_SECRET');
    expect(stdout).toMatch(/at .*\(bundle\.js:\d+:\d+\)/);
    expect(stdout).not.toContain(dirname(bundle));
  });

  it('refuses to load with a production environment that lacks secrets, naming them', async () => {
    await expect(invoke({ NODE_ENV: 'production', MONGODB_URI: inject('mongoUri') }, {})).rejects.toThrow(/JWT_SECRET[\s\S]*PHONE_ENC_KEY|PHONE_ENC_KEY[\s\S]*JWT_SECRET/);
  });
});
