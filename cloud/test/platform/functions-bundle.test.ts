import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildFunctions } from '../../../scripts/build-functions.js';
import { uniqueName } from '../helpers.js';

const run = promisify(execFile);

/** Loads the bundle in a plain Node process (no TypeScript, no node_modules) as a cloud runtime would. */
const RUNNER = `
const started = Date.now();
const { main } = require(process.argv[1]);
const requireMs = Date.now() - started;
const event = JSON.parse(process.argv[2]);
main(event, {}).then((result) => {
  process.stdout.write(JSON.stringify({ requireMs, result }));
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
    return JSON.parse(stdout) as { requireMs: number; result: { statusCode: number; body: string } };
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
    expect(out.result.statusCode).toBe(404);
    expect(JSON.parse(out.result.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
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

  it('refuses to load with a production environment that lacks secrets, naming them', async () => {
    await expect(invoke({ NODE_ENV: 'production', MONGODB_URI: inject('mongoUri') }, {})).rejects.toThrow(/JWT_SECRET[\s\S]*PHONE_ENC_KEY|PHONE_ENC_KEY[\s\S]*JWT_SECRET/);
  });
});
