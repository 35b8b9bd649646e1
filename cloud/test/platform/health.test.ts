import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type Instance } from '../../src/bootstrap.js';
import { closeAll } from '../../src/db/connection.js';
import { ensureFerretDb, FERRETDB_BIN, startDatabase, type DbServer } from '../../src/db/launcher.js';
import { serve, type RunningServer } from '../../src/server.js';

/**
 * This file runs its own FerretDB (not the suite's shared one) so that it can stop it and start it
 * again on the same port and data folder while the app keeps running.
 */
describe('GET /health while the database goes away and comes back', () => {
  let dataDir: string;
  let db: DbServer;
  let dbPort: number;
  let restarted: ChildProcess | undefined;
  let instance: Instance;
  let server: RunningServer;

  const get = async (path: string) => {
    const res = await fetch(`${server.url}/api/v1${path}`);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    expect(ensureFerretDb()).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-health-'));
    // An empty PATH keeps the launcher from picking a mongod or MONGODB_URI: this test needs FerretDB.
    db = await startDatabase({ dataDir, env: { PATH: '' } });
    expect(db.kind).toBe('ferretdb');
    dbPort = Number(new URL(db.uri).port);
    instance = bootstrap({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: db.uri, MONGODB_DB: 'health_test', DB_TIMEOUT_MS: '1000' });
    await instance.ready();
    server = await serve({ app: instance.app, fastLane: instance.fastLane, port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    await closeAll();
    restarted?.kill('SIGTERM');
    await db?.stop();
    if (restarted && restarted.exitCode === null) await new Promise((r) => restarted!.once('exit', r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 200 while up, 503 UNAVAILABLE with Retry-After once the database stops, and 200 again by itself after it restarts', async () => {
    const site = await instance.services.sites.createSite({
      code: 'HEALTH-1',
      name: '健康检查纪念碑',
      level: 'county',
      category: 'monument',
      district: '测试区',
      address: '测试路 1 号',
      location: { lat: 30.5, lng: 114.3 },
      status: 'published',
    });

    const up = await get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({ status: 'ok', db: 'up' });
    expect((await get(`/sites/${site.id}`)).status).toBe(200);

    await db.stop();

    const down = await get('/health');
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(down.body.error.code).toBe('UNAVAILABLE');
    expect(typeof down.body.error.message).toBe('string');
    expect(down.body.error.message.length).toBeGreaterThan(0);

    // A route that reads the database answers 503 in the error shape, never 500.
    const data = await get(`/sites/${site.id}`);
    expect(data.status).toBe(503);
    expect(data.headers.get('retry-after')).not.toBeNull();
    expect(data.body.error.code).toBe('UNAVAILABLE');

    // Same binary, port and data folder as the launcher used.
    restarted = spawn(FERRETDB_BIN, [`--listen-addr=127.0.0.1:${dbPort}`, `--sqlite-url=file:${dataDir}/`, '--exit-with-stdin'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const restartedAt = Date.now();
    let status = 0;
    while (Date.now() - restartedAt < 10_000) {
      status = (await get('/health')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect(Date.now() - restartedAt).toBeLessThan(10_000);

    // The data written before the outage is still there (same data folder).
    const again = await get(`/sites/${site.id}`);
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('健康检查纪念碑');
  });
});
