import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type BuiltApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ensureFerretDb, FERRETDB_BIN, startDatabase, type DbServer } from '../../src/db/launcher.js';
import { createLogger } from '../../src/logger.js';
import { serve, type RunningServer } from '../../src/server.js';
import type { Caller } from '../../src/http/context.js';

const PHONE = '13611112222';
const SLOTS = ['09:00', '10:00', '11:00'];
const CAPACITY = 40;
const PEOPLE = 240;

/**
 * This file runs its own FerretDB so that it can kill it in the middle of a booking burst and start it
 * again on the same port and data folder while the app keeps running.
 */
describe('a booking burst while the database dies and comes back', () => {
  let dataDir: string;
  let db: DbServer;
  let restarted: ChildProcess | undefined;
  let client: MongoClient;
  let built: BuiltApp;
  let server: RunningServer;
  const lines: string[] = [];

  beforeAll(async () => {
    expect(ensureFerretDb()).toBe(true);
    dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-booking-outage-'));
    db = await startDatabase({ dataDir, env: { PATH: '' } });
    expect(db.kind).toBe('ferretdb');
    const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: db.uri, MONGODB_DB: 'booking_outage', DB_TIMEOUT_MS: '1000' });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000, socketTimeoutMS: 4000 });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    built = createApp({ config, db: client.db(config.mongoDb), logger: createLogger('info', sink) });
    await built.ready();
    server = await serve({ app: built.app, fastLane: built.fastLane, port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    await client?.close();
    restarted?.kill('SIGTERM');
    await db?.stop();
    if (restarted && restarted.exitCode === null) await new Promise((r) => restarted!.once('exit', r));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (token: string, key: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { error?: { code: string } } };
  };

  it('answers only 201, 409 or 503 (never 500), and reconciliation leaves remaining = capacity − active booked seats', async () => {
    const services = built.services;
    const site = await services.sites.createSite({
      code: 'OUTAGE-1',
      name: '断库测试烈士陵园',
      level: 'municipal',
      category: 'cemetery',
      district: '测试区',
      address: '测试路 1 号',
      location: { lat: 30.5, lng: 114.3 },
      status: 'published',
    });
    const admin: Caller = { id: 'outage-admin', kind: 'staff', roles: ['admin'], siteIds: [], username: 'admin' };
    await services.bookings.putTemplate(admin, site.id, {
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      slots: SLOTS.map((start) => ({ start, end: `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00`, capacity: CAPACITY })),
      overrides: [],
      bookingWindowDays: 7,
      cancelCutoffMinutes: 60,
      maxCompanions: 4,
      group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 },
    });
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const people = await Promise.all(Array.from({ length: PEOPLE }, (_, i) => services.accounts.signInDev(`outage-${i}`)));
    const requests = people.map((p, i) => ({
      token: p.token,
      key: randomUUID(),
      body: { slotId: `${site.id}_${tomorrow.replace(/-/g, '')}_${SLOTS[i % SLOTS.length]!.replace(':', '')}`, partySize: 1 + (i % 3), contactName: '张三', contactPhone: PHONE },
    }));

    // Fire the burst and kill the database (SIGKILL: a crash, not a shutdown) once the first bookings are in.
    let answered = 0;
    const killed = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (answered >= 10) {
          clearInterval(timer);
          process.kill(db.pid!, 'SIGKILL');
          resolve();
        }
      }, 2);
    });
    const results = await Promise.all(
      requests.map(async (r) => {
        const res = await post(r.token, r.key, r.body);
        if (res.status === 201) answered++;
        return res;
      }),
    );
    await killed;

    const statuses = results.map((r) => r.status);
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(statuses.filter((s) => ![201, 409, 503].includes(s))).toEqual([]);
    expect(count(201)).toBeGreaterThan(0);
    expect(count(503)).toBeGreaterThan(0);
    for (const r of results) {
      if (r.status === 409) expect(r.body.error!.code).toBe('SLOT_FULL');
      if (r.status === 503) expect(r.body.error!.code).toBe('UNAVAILABLE');
    }

    // Same binary, port and data folder: the database comes back with what it had written.
    const port = new URL(db.uri).port;
    restarted = spawn(FERRETDB_BIN, [`--listen-addr=127.0.0.1:${port}`, `--sqlite-url=file:${dataDir}/`, '--exit-with-stdin'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const deadline = Date.now() + 15_000;
    while ((await fetch(`${server.url}/api/v1/health`)).status !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }

    // Clients retry what failed with the same Idempotency-Key: no booking is made twice.
    const retried = await Promise.all(results.map((res, i) => (res.status === 503 ? post(requests[i]!.token, requests[i]!.key, requests[i]!.body) : null)));
    expect(retried.filter((r) => r && ![200, 201, 409].includes(r.status))).toEqual([]);

    const report = await services.bookings.reconcile({ siteId: site.id, fix: true, quietMs: 0 });
    expect(report.busy).toBe(0);
    expect(report.fixed).toBe(report.drifted.length);
    const slots = await client.db('booking_outage').collection<{ _id: string; capacity: number; remaining: number }>('booking_slots').find({ siteId: site.id }).toArray();
    expect(slots).toHaveLength(SLOTS.length);
    const seats = await services.bookings.bookings.activeSeatsBySlot({ siteId: site.id });
    for (const slot of slots) {
      const booked = seats.get(slot._id) ?? 0;
      expect(booked).toBeLessThanOrEqual(slot.capacity);
      expect(slot.remaining).toBe(slot.capacity - booked);
    }
    // One booking per person at most, and every 201 answer is a recorded booking.
    const docs = await client.db('booking_outage').collection('bookings').find({ siteId: site.id }).toArray();
    expect(new Set(docs.map((d) => d.userId)).size).toBe(docs.length);
    const createdIds = [...results, ...retried].filter((r) => r && (r.status === 201 || r.status === 200)).map((r) => (r!.body as { id: string }).id);
    expect(new Set(createdIds).size).toBeLessThanOrEqual(docs.length);
    for (const id of createdIds) expect(docs.some((d) => d._id.toHexString() === id)).toBe(true);

    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(PHONE);
    expect(lines.filter((l) => l.includes('"status":500'))).toEqual([]);
  }, 120_000);
});
