import { ObjectId } from 'mongodb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepUnattachedUploads, UPLOAD_SWEEP } from '../../src/files/cleanup.js';
import { FileReferenceReader } from '../../src/files/references.js';
import { FileRepository } from '../../src/files/repository.js';
import { GridFsStorage } from '../../src/files/storage.js';
import { runJobs, SCHEDULED_JOBS } from '../../src/jobs/scheduled.js';
import { adminCreateSite } from '../site-admin/fixtures.js';
import { startApi, type TestApi } from '../helpers.js';
import { formWith, makePng } from './images.js';

const HOUR = 3600_000;
const SITE_AT = { lat: 30.61, lng: 114.21 };

describe('scheduled clean-up of uploads never attached', () => {
  let api: TestApi;
  let now = new Date('2026-03-18T02:00:00Z');
  let seed = 0;

  beforeAll(async () => {
    api = await startApi({ now: () => now });
  });
  afterAll(() => api.close());

  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const sweepJob = SCHEDULED_JOBS.find((j) => j.name === 'uploads.sweep')!;
  const sweep = async () => (await runJobs(api.services, pino({ level: 'silent' }), [sweepJob]))['uploads.sweep'] as Record<string, number>;

  async function upload(token: string): Promise<string> {
    const res = await api.request('POST', '/uploads', { token, raw: formWith(makePng(16, 16, ++seed)) });
    if (res.status !== 201) throw new Error(`upload failed ${res.status} ${res.text}`);
    return res.body.id;
  }

  async function state(id: string) {
    const _id = new ObjectId(id);
    return {
      record: await api.db.collection('file_records').findOne({ _id }),
      bytes: await api.db.collection('uploads.files').countDocuments({ _id }),
      chunks: await api.db.collection('uploads.chunks').countDocuments({ files_id: _id }),
    };
  }

  it('deletes an upload nobody attached within 24 h, record and GridFS bytes, in the run after it was claimed', async () => {
    const user = await api.citizen();
    const id = await upload(user.token);
    expect((await state(id)).chunks).toBeGreaterThan(0);

    later(23 * HOUR);
    await sweep();
    expect((await state(id)).record?.purpose).toBe('upload');

    later(2 * HOUR);
    expect((await sweep()).claimed).toBeGreaterThanOrEqual(1);
    expect((await state(id)).record?.purpose).toBe('expiring');
    expect((await state(id)).bytes).toBe(1);

    later(UPLOAD_SWEEP.settleMs + 1000);
    expect((await sweep()).deleted).toBeGreaterThanOrEqual(1);
    expect(await state(id)).toEqual({ record: null, bytes: 0, chunks: 0 });
    expect((await api.request('GET', `/files/${id}`, { token: user.token })).status).toBe(404);
  });

  it('leaves attached uploads and uploads younger than the grace period alone', async () => {
    const admin = await api.staff(['admin']);
    const site = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: SITE_AT });
    const staff = await api.staff(['staff'], [site.id]);
    const photo = await upload(staff.token);
    const patrol = await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: staff.token, body: { location: SITE_AT, condition: 'good', photos: [photo] } });
    expect(patrol.status).toBe(201);

    later(48 * HOUR);
    const young = await upload(staff.token);
    await sweep();
    later(UPLOAD_SWEEP.settleMs + 1000);
    await sweep();

    expect((await state(photo)).record?.purpose).toBe('patrol_photo');
    expect((await state(photo)).bytes).toBe(1);
    expect((await state(young)).record?.purpose).toBe('upload');
    expect((await api.request('GET', `/files/${photo}`, { token: staff.token })).status).toBe(200);
  });

  it('once claimed, a file can no longer be attached: the patrol that wants it is refused and writes nothing', async () => {
    const admin = await api.staff(['admin']);
    const site = await adminCreateSite(api, admin.token, { category: 'scattered_grave', location: SITE_AT });
    const staff = await api.staff(['staff'], [site.id]);
    const photo = await upload(staff.token);
    later(25 * HOUR);
    await sweep();
    expect((await state(photo)).record?.purpose).toBe('expiring');

    const patrol = await api.request('POST', `/admin/sites/${site.id}/patrols`, { token: staff.token, body: { location: SITE_AT, condition: 'good', photos: [photo] } });
    expect(patrol.status).toBe(400);
    expect(patrol.body.error.details[0].path).toBe('photos.0');
    expect(await api.db.collection('patrols').countDocuments({ siteId: site.id })).toBe(0);
  });

  it('keeps a claimed file that a record names (its attach never happened) and gives it back as an upload', async () => {
    const user = await api.citizen();
    const named = await upload(user.token);
    const proof = await upload(user.token);
    later(25 * HOUR);
    await sweep();
    expect((await state(named)).record?.purpose).toBe('expiring');
    // A patrol and a proxy sweep written by requests that stopped before attaching their photos.
    await api.db.collection('patrols').insertOne({ siteId: 'x', photos: ['0123456789abcdef01234567', named] });
    await api.db.collection('proxy_sweeps').insertOne({ siteId: 'x', proof: { photos: [proof] } });

    later(UPLOAD_SWEEP.settleMs + 1000);
    expect((await sweep()).kept).toBeGreaterThanOrEqual(2);
    for (const id of [named, proof]) {
      const s = await state(id);
      expect(s.record?.purpose).toBe('upload');
      expect(s.record?.expiringAt).toBeUndefined();
      expect(s.bytes).toBe(1);
    }
    later(48 * HOUR);
    await sweep();
    expect((await state(named)).record?.purpose).toBe('upload');
  });

  it('claims and deletes at most `limit` files per run, oldest first', async () => {
    const user = await api.citizen();
    // Settle everything earlier tests left, so this run sees only these uploads.
    later(48 * HOUR);
    await sweep();
    later(UPLOAD_SWEEP.settleMs + 1000);
    await sweep();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await upload(user.token));
      later(1000);
    }
    later(25 * HOUR);
    const deps = () => ({
      repo: new FileRepository(api.db),
      references: new FileReferenceReader(api.db),
      storage: new GridFsStorage(api.db),
      now,
      logger: pino({ level: 'silent' }),
    });
    const options = { ...UPLOAD_SWEEP, limit: 2 };
    expect(await sweepUnattachedUploads(deps(), options)).toEqual({ deleted: 0, claimed: 2, kept: 0, failed: 0 });
    expect((await state(ids[2]!)).record?.purpose).toBe('upload');
    later(UPLOAD_SWEEP.settleMs + 1000);
    expect(await sweepUnattachedUploads(deps(), options)).toEqual({ deleted: 2, claimed: 1, kept: 0, failed: 0 });
    expect((await state(ids[0]!)).record).toBeNull();
    expect((await state(ids[1]!)).record).toBeNull();
    expect((await state(ids[2]!)).record?.purpose).toBe('expiring');
  });
});
