import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { shanghaiDate } from '../../src/proxy-sweeps/dates.js';
import { startApi, type TestApi } from '../helpers.js';
import { GRAVE_LOCATION, SITE_LOCATION, seedSite, sweepBody, uploadPhoto } from './fixtures.js';

async function fetchBytes(api: TestApi, path: string, token?: string) {
  const res = await fetch(api.baseUrl.replace(/\/api\/v1$/, '') + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

describe('proxy sweeps (代祭扫)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** A site with a martyr, its staff member and manager, a family member, and a submitted request. */
  async function scenario(options: Parameters<typeof seedSite>[1] & { body?: Record<string, unknown> } = {}) {
    const { site, martyr } = await seedSite(api, options);
    const staff = await api.staff(['staff'], [site.id]);
    const manager = await api.staff(['site_manager'], [site.id]);
    const family = await api.citizen();
    const created = await api.request('POST', '/proxy-sweeps', { token: family.token, body: options.body ?? sweepBody(site.id, martyr.id) });
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
    return { site, martyr, staff, manager, family, id: created.body.id as string };
  }

  async function status(id: string): Promise<string> {
    const doc = await api.db.collection('proxy_sweeps').findOne({ _id: new ObjectId(id) });
    return doc!.status;
  }

  async function bringToInProgress(s: Awaited<ReturnType<typeof scenario>>) {
    expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: {} })).status).toBe(200);
    expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: s.staff.token })).status).toBe(200);
  }

  function completeBody(photos: string[], overrides: Record<string, unknown> = {}) {
    return {
      photos,
      takenAt: new Date().toISOString(),
      location: { lat: GRAVE_LOCATION.lat + 0.0001, lng: GRAVE_LOCATION.lng },
      checklist: ['wipe_headstone', 'lay_flowers', 'message_card', 'phone_family'],
      ...overrides,
    };
  }

  describe('the full path', () => {
    it('goes submitted → accepted → in_progress → completed → confirmed, recording every step and telling the family', async () => {
      const s = await scenario();
      const stored = await api.db.collection('proxy_sweeps').findOne({ _id: new ObjectId(s.id) });
      expect(stored).toMatchObject({ status: 'submitted', requesterId: s.family.id, siteId: s.site.id, martyrName: '张英', services: ['clean_headstone', 'offer_flowers'] });
      expect(JSON.stringify(stored)).not.toContain('13812345678');
      expect(stored!.contactPhone.masked).toBe('138****5678');

      const mine = await api.request('GET', '/proxy-sweeps/mine', { token: s.family.token });
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([s.id]);

      const queue = await api.request('GET', '/admin/proxy-sweeps?status=submitted', { token: s.staff.token });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(s.id);

      const accepted = await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: {} });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', assignee: { id: s.staff.id, name: s.staff.username } });
      expect(accepted.body.actions).toEqual(expect.arrayContaining(['start', 'reject']));

      const started = await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: s.staff.token });
      expect(started.body.status).toBe('in_progress');

      const photo = await uploadPhoto(api, s.staff.token, 21);
      const completed = await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id]) });
      expect(completed.status).toBe(200);
      expect(completed.body.status).toBe('completed');
      expect(completed.body.proof).toMatchObject({ reference: 'grave', flags: [], checklist: ['take_photos', 'wipe_headstone', 'lay_flowers', 'message_card', 'phone_family'] });
      expect(completed.body.proof.distanceMeters).toBeGreaterThanOrEqual(5);
      expect(completed.body.proof.distanceMeters).toBeLessThan(20);

      // The family sees the proof and can open the photo through its signed link, byte for byte.
      const detail = await api.request('GET', `/proxy-sweeps/${s.id}`, { token: s.family.token });
      expect(detail.status).toBe(200);
      expect(detail.body.contactPhone).toBe('138****5678');
      expect(detail.body.actions).toEqual(['confirm']);
      const link = detail.body.proof.photos[0];
      expect(link.id).toBe(photo.id);
      const image = await fetchBytes(api, link.url);
      expect(image.status).toBe(200);
      expect(image.type).toBe('image/png');
      expect(image.bytes.equals(photo.bytes)).toBe(true);
      expect((await fetchBytes(api, `/api/v1/files/${photo.id}`, s.family.token)).bytes.equals(photo.bytes)).toBe(true);

      const confirmed = await api.request('POST', `/proxy-sweeps/${s.id}/confirm`, { token: s.family.token, body: { rating: 5, comment: '非常感谢，照片很清楚。' } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: { rating: 5, comment: '非常感谢，照片很清楚。' } });

      const history = confirmed.body.history as Array<{ status: string; from?: string; at: string; actor: { id: string; role: string } }>;
      expect(history.map((h) => h.status)).toEqual(['submitted', 'accepted', 'in_progress', 'completed', 'confirmed']);
      expect(history.map((h) => h.from)).toEqual([undefined, 'submitted', 'accepted', 'in_progress', 'completed']);
      expect(history.map((h) => h.actor.id)).toEqual([s.family.id, s.staff.id, s.staff.id, s.staff.id, s.family.id]);
      expect(history.map((h) => h.actor.role)).toEqual(['family', 'staff', 'staff', 'staff', 'family']);
      const times = history.map((h) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const notes = await api.request('GET', '/notifications/mine', { token: s.family.token });
      expect(notes.body.items.map((n: { template: string }) => n.template).sort()).toEqual(
        ['proxy_sweep_accepted', 'proxy_sweep_completed', 'proxy_sweep_in_progress', 'proxy_sweep_submitted'].sort(),
      );
      expect(notes.body.items.find((n: { template: string }) => n.template === 'proxy_sweep_completed').page).toBe(`/packages/family/pages/detail/index?id=${s.id}`);
      const staffNotes = await api.request('GET', '/notifications/mine', { token: s.staff.token });
      expect(staffNotes.body.items.map((n: { template: string }) => n.template)).toEqual(['proxy_sweep_confirmed']);

      const audit = await api.services.audit.list({ siteId: s.site.id });
      expect(audit.map((e) => e.action).sort()).toEqual(['proxy_sweep.accept', 'proxy_sweep.complete', 'proxy_sweep.start']);
      const fileRecord = await api.db.collection('file_records').findOne({ _id: new ObjectId(photo.id) });
      expect(fileRecord).toMatchObject({ purpose: 'proxy_sweep_proof', context: { type: 'proxy_sweep', id: s.id }, siteId: s.site.id, readerIds: [s.family.id] });
    });

    it('accepts a request by grave description and measures the proof against the site', async () => {
      const { site } = await seedSite(api);
      const staff = await api.staff(['staff'], [site.id]);
      const family = await api.citizen();
      const created = await api.request('POST', '/proxy-sweeps', {
        token: family.token,
        body: sweepBody(site.id, undefined, { graveDescription: '陵园东区第三排 12 号，无名烈士墓', services: ['present_wreath'] }),
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ id: expect.any(String), status: 'submitted' });
      const s = { site, staff, family, id: created.body.id, manager: staff, martyr: null as never };
      await bringToInProgress(s);
      const photo = await uploadPhoto(api, staff.token, 22);
      const done = await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: staff.token, body: completeBody([photo.id], { location: SITE_LOCATION, checklist: undefined }) });
      expect(done.status).toBe(200);
      expect(done.body.proof).toMatchObject({ reference: 'site', distanceMeters: 0, flags: [], checklist: ['take_photos'] });
      expect(done.body.graveDescription).toBe('陵园东区第三排 12 号，无名烈士墓');
    });
  });

  describe('illegal transitions', () => {
    it('answers 409 CONFLICT to complete before accept and leaves the request as it was', async () => {
      const s = await scenario();
      const photo = await uploadPhoto(api, s.staff.token, 31);
      const res = await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id]) });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'submitted', action: 'complete' } });
      expect(await status(s.id)).toBe('submitted');
      const file = await api.db.collection('file_records').findOne({ _id: new ObjectId(photo.id) });
      expect(file!.purpose).toBe('upload');
      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: s.staff.token })).status).toBe(409);
    });

    it('answers 409 to a second confirm and keeps the first rating', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const photo = await uploadPhoto(api, s.staff.token, 32);
      await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id]) });
      expect((await api.request('POST', `/proxy-sweeps/${s.id}/confirm`, { token: s.family.token, body: { rating: 4 } })).status).toBe(200);
      const again = await api.request('POST', `/proxy-sweeps/${s.id}/confirm`, { token: s.family.token, body: { rating: 1, comment: 'changed my mind' } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('CONFLICT');
      const doc = await api.db.collection('proxy_sweeps').findOne({ _id: new ObjectId(s.id) });
      expect(doc!.confirmation.rating).toBe(4);
      expect(doc!.history.filter((h: { status: string }) => h.status === 'confirmed')).toHaveLength(1);
    });

    it('answers 409 to cancel while in progress, and to confirm before completion', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const res = await api.request('POST', `/proxy-sweeps/${s.id}/cancel`, { token: s.family.token, body: { reason: '不需要了' } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
      expect(await status(s.id)).toBe('in_progress');
      expect((await api.request('POST', `/proxy-sweeps/${s.id}/confirm`, { token: s.family.token, body: { rating: 5 } })).status).toBe(409);
    });

    it('lets the family cancel an accepted request with a reason and tells the assignee', async () => {
      const s = await scenario();
      await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: {} });
      const res = await api.request('POST', `/proxy-sweeps/${s.id}/cancel`, { token: s.family.token, body: { reason: '家人将亲自前往' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '家人将亲自前往', actions: [] });
      const staffNotes = await api.request('GET', '/notifications/mine', { token: s.staff.token });
      expect(staffNotes.body.items.map((n: { template: string }) => n.template)).toContain('proxy_sweep_cancelled');
      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: s.staff.token })).status).toBe(409);
    });

    it('lets staff reject a submitted request with a reason, and needs the reason', async () => {
      const s = await scenario();
      const missing = await api.request('POST', `/admin/proxy-sweeps/${s.id}/reject`, { token: s.staff.token, body: {} });
      expect(missing.status).toBe(400);
      const res = await api.request('POST', `/admin/proxy-sweeps/${s.id}/reject`, { token: s.staff.token, body: { reason: '该墓位已迁葬，请联系陵园' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: '该墓位已迁葬，请联系陵园' });
      const family = await api.request('GET', `/proxy-sweeps/${s.id}`, { token: s.family.token });
      expect(family.body.history.at(-1)).toMatchObject({ status: 'rejected', from: 'submitted', note: '该墓位已迁葬，请联系陵园' });
      expect((await api.request('POST', `/proxy-sweeps/${s.id}/cancel`, { token: s.family.token })).status).toBe(409);
    });

    it('lets exactly one of two simultaneous accepts win', async () => {
      const s = await scenario();
      const other = await api.staff(['staff'], [s.site.id]);
      const results = await Promise.all([
        api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: {} }),
        api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: other.token, body: {} }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const doc = await api.db.collection('proxy_sweeps').findOne({ _id: new ObjectId(s.id) });
      expect(doc!.history.filter((h: { status: string }) => h.status === 'accepted')).toHaveLength(1);
      const winner = results.find((r) => r.status === 200)!;
      expect(doc!.assigneeId).toBe(winner.body.assignee.id);
    });
  });

  describe('validation', () => {
    it('answers 400 for empty services, a past date, today, a date beyond 90 days, and no grave', async () => {
      const { site, martyr } = await seedSite(api);
      const family = await api.citizen();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ services: [] }, 'services'],
        [{ services: ['sing_a_song'] }, 'services.0'],
        [{ preferredDate: shanghaiDate(new Date(), -1) }, 'preferredDate'],
        [{ preferredDate: shanghaiDate(new Date(), 0) }, 'preferredDate'],
        [{ preferredDate: shanghaiDate(new Date(), 91) }, 'preferredDate'],
        [{ preferredDate: '2026-02-30' }, 'preferredDate'],
        [{ contactPhone: '12345' }, 'contactPhone'],
        [{ relationship: '' }, 'relationship'],
        [{ message: 'x'.repeat(501) }, 'message'],
      ];
      for (const [override, path] of cases) {
        const res = await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(site.id, martyr.id, override) });
        expect(res.status, JSON.stringify(override)).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
      }
      const noGrave = await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(site.id, undefined) });
      expect(noGrave.status).toBe(400);
      expect(await api.db.collection('proxy_sweeps').countDocuments({ requesterId: family.id })).toBe(0);
    });

    it('refuses a martyr of another site (400), an unknown or unpublished site (404), and an anonymous caller (401)', async () => {
      const a = await seedSite(api);
      const b = await seedSite(api);
      const draft = await seedSite(api, { status: 'draft' });
      const family = await api.citizen();
      const wrongMartyr = await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(a.site.id, b.martyr.id) });
      expect(wrongMartyr.status).toBe(400);
      expect(wrongMartyr.body.error.details[0].path).toBe('martyrId');
      expect((await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(new ObjectId().toHexString(), undefined, { graveDescription: 'x' }) })).status).toBe(404);
      expect((await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(draft.site.id, draft.martyr.id) })).status).toBe(404);
      expect((await api.request('POST', '/proxy-sweeps', { body: sweepBody(a.site.id, a.martyr.id) })).status).toBe(401);
    });

    it('needs at least one photo, a capture time and a location to complete, and only the caller’s own unused uploads', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const path = `/admin/proxy-sweeps/${s.id}/complete`;
      const mine = await uploadPhoto(api, s.staff.token, 41);
      const noPhotos = await api.request('POST', path, { token: s.staff.token, body: completeBody([]) });
      expect(noPhotos.status).toBe(400);
      expect(noPhotos.body.error.details[0].path).toBe('photos');
      const noTime = await api.request('POST', path, { token: s.staff.token, body: { ...completeBody([mine.id]), takenAt: undefined } });
      expect(noTime.body.error.details[0].path).toBe('takenAt');
      const noPlace = await api.request('POST', path, { token: s.staff.token, body: { ...completeBody([mine.id]), location: undefined } });
      expect(noPlace.body.error.details[0].path).toBe('location');

      const someoneElses = await uploadPhoto(api, s.family.token, 42);
      const foreign = await api.request('POST', path, { token: s.staff.token, body: completeBody([mine.id, someoneElses.id]) });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.details[0].path).toBe('photos.1');
      expect(await status(s.id)).toBe('in_progress');

      // A photo already used as proof of another request cannot prove this one.
      const other = await scenario();
      const used = await uploadPhoto(api, s.staff.token, 43);
      await api.services.files.attach([used.id], s.staff.id, { purpose: 'proxy_sweep_proof', context: { type: 'proxy_sweep', id: other.id } });
      const reused = await api.request('POST', path, { token: s.staff.token, body: completeBody([used.id]) });
      expect(reused.status).toBe(400);
    });
  });

  describe('proof checked on the spot', () => {
    it('flags proof taken more than 300 m from the grave, and shows the flag to the family and in the manager queue', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const photo = await uploadPhoto(api, s.staff.token, 51);
      const far = { lat: GRAVE_LOCATION.lat + 0.009, lng: GRAVE_LOCATION.lng }; // ≈ 1 km north
      const res = await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id], { location: far }) });
      expect(res.status).toBe(200);
      expect(res.body.proof.flags).toEqual(['too_far']);
      expect(res.body.proof.distanceMeters).toBeGreaterThan(950);
      expect(res.body.proof.distanceMeters).toBeLessThan(1050);

      const family = await api.request('GET', `/proxy-sweeps/${s.id}`, { token: s.family.token });
      expect(family.body.proof.flags).toEqual(['too_far']);
      expect(family.body.history.at(-1).note).toMatch(/距墓位约 \d+ 米/);
      const queue = await api.request('GET', `/admin/proxy-sweeps?status=completed&siteId=${s.site.id}`, { token: s.manager.token });
      expect(queue.body.items.find((i: { id: string }) => i.id === s.id).proofFlags).toEqual(['too_far']);
      const notes = await api.request('GET', '/notifications/mine', { token: s.family.token });
      expect(notes.body.items.find((n: { template: string }) => n.template === 'proxy_sweep_completed').body).toMatch(/凭证待核实/);
      const stored = await api.db.collection('proxy_sweeps').findOne({ _id: new ObjectId(s.id) });
      expect(stored!.proof).toMatchObject({ flags: ['too_far'], reference: 'grave', referenceLocation: GRAVE_LOCATION, location: far });
    });

    it('flags proof whose capture time lies before the request was accepted', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const photo = await uploadPhoto(api, s.staff.token, 52);
      const lastYear = new Date(Date.now() - 365 * 86400_000).toISOString();
      const res = await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id], { takenAt: lastYear }) });
      expect(res.status).toBe(200);
      expect(res.body.proof.flags).toEqual(['outside_window']);
      expect(res.body.proof.takenAt).toBe(lastYear);
    });
  });

  describe('who may see and act', () => {
    it('hides a request and its photos from a stranger (404) and refuses their cancel', async () => {
      const s = await scenario();
      await bringToInProgress(s);
      const photo = await uploadPhoto(api, s.staff.token, 61);
      await api.request('POST', `/admin/proxy-sweeps/${s.id}/complete`, { token: s.staff.token, body: completeBody([photo.id]) });
      const stranger = await api.citizen();
      const read = await api.request('GET', `/proxy-sweeps/${s.id}`, { token: stranger.token });
      expect(read.status).toBe(404);
      expect((await fetchBytes(api, `/api/v1/files/${photo.id}`, stranger.token)).status).toBe(404);
      expect((await fetchBytes(api, `/api/v1/files/${photo.id}`)).status).toBe(401);
      expect((await api.request('POST', `/proxy-sweeps/${s.id}/confirm`, { token: stranger.token, body: { rating: 1 } })).status).toBe(404);
      expect((await api.request('GET', '/proxy-sweeps/mine', { token: stranger.token })).body.items).toEqual([]);
      expect((await api.request('GET', '/admin/proxy-sweeps', { token: stranger.token })).status).toBe(403);
      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/reject`, { token: stranger.token, body: { reason: 'x' } })).status).toBe(403);
      expect(await status(s.id)).toBe('completed');
    });

    it('refuses staff of another site (403) to read or act, and keeps the request out of their queue', async () => {
      const s = await scenario();
      const elsewhere = await seedSite(api);
      const outsider = await api.staff(['site_manager'], [elsewhere.site.id]);
      expect((await api.request('GET', `/proxy-sweeps/${s.id}`, { token: outsider.token })).status).toBe(403);
      for (const action of ['accept', 'start', 'reject']) {
        const res = await api.request('POST', `/admin/proxy-sweeps/${s.id}/${action}`, { token: outsider.token, body: { reason: '不是我的' } });
        expect(res.status, action).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      const queue = await api.request('GET', '/admin/proxy-sweeps', { token: outsider.token });
      expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(s.id);
      expect((await api.request('GET', `/admin/proxy-sweeps?siteId=${s.site.id}`, { token: outsider.token })).status).toBe(403);
      expect(await status(s.id)).toBe('submitted');
      // An admin reaches every site.
      const admin = await api.staff(['admin']);
      expect((await api.request('GET', `/proxy-sweeps/${s.id}`, { token: admin.token })).status).toBe(200);
    });

    it('lets only the assignee or a manager start and complete; staff assign themselves, managers assign others of the site', async () => {
      const s = await scenario();
      const colleague = await api.staff(['staff'], [s.site.id]);
      const elsewhere = await seedSite(api);
      const outsider = await api.staff(['staff'], [elsewhere.site.id]);

      const staffAssigns = await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: { assigneeId: colleague.id } });
      expect(staffAssigns.status).toBe(403);
      const toOutsider = await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.manager.token, body: { assigneeId: outsider.id } });
      expect(toOutsider.status).toBe(400);
      expect(toOutsider.body.error.details[0].path).toBe('assigneeId');
      const assigned = await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.manager.token, body: { assigneeId: colleague.id } });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignee.id).toBe(colleague.id);
      expect(assigned.body.history.at(-1)).toMatchObject({ status: 'accepted', actor: { id: s.manager.id, role: 'staff' } });
      const colleagueNotes = await api.request('GET', '/notifications/mine', { token: colleague.token });
      expect(colleagueNotes.body.items.map((n: { template: string }) => n.template)).toEqual(['proxy_sweep_assigned']);

      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: s.staff.token })).status).toBe(403);
      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/start`, { token: colleague.token })).status).toBe(200);
      const mineOnly = await api.request('GET', '/admin/proxy-sweeps?assigned=me', { token: colleague.token });
      expect(mineOnly.body.items.map((i: { id: string }) => i.id)).toEqual([s.id]);
      expect((await api.request('GET', '/admin/proxy-sweeps?assigned=me', { token: s.staff.token })).body.items).toEqual([]);
    });

    it('keeps the family out of staff actions and staff out of the family’s', async () => {
      const s = await scenario();
      expect((await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.family.token, body: {} })).status).toBe(403);
      const staffCancel = await api.request('POST', `/proxy-sweeps/${s.id}/cancel`, { token: s.staff.token });
      expect(staffCancel.status).toBe(403);
      expect(await status(s.id)).toBe('submitted');
    });

    it('gives the assignee the family phone in clear on request, audited; the family and staff otherwise see it masked', async () => {
      const s = await scenario();
      expect((await api.request('GET', `/admin/proxy-sweeps/${s.id}/contact`, { token: s.staff.token })).status).toBe(403);
      await api.request('POST', `/admin/proxy-sweeps/${s.id}/accept`, { token: s.staff.token, body: {} });
      const detail = await api.request('GET', `/proxy-sweeps/${s.id}`, { token: s.staff.token });
      expect(detail.body.contactPhone).toBe('138****5678');
      const contact = await api.request('GET', `/admin/proxy-sweeps/${s.id}/contact`, { token: s.staff.token });
      expect(contact.status).toBe(200);
      expect(contact.body).toEqual({ contactPhone: '13812345678' });
      const audit = await api.services.audit.list({ siteId: s.site.id });
      expect(audit.map((e) => e.action)).toContain('proxy_sweep.reveal_contact');
      expect((await api.request('GET', `/admin/proxy-sweeps/${s.id}/contact`, { token: s.family.token })).status).toBe(403);
    });
  });

  describe('lists', () => {
    it('pages the staff queue by preferred date and filters by status', async () => {
      const { site, martyr } = await seedSite(api);
      const staff = await api.staff(['staff'], [site.id]);
      const family = await api.citizen();
      const ids: string[] = [];
      for (const days of [5, 2, 9, 2]) {
        const res = await api.request('POST', '/proxy-sweeps', { token: family.token, body: sweepBody(site.id, martyr.id, { preferredDate: shanghaiDate(new Date(), days) }) });
        ids.push(res.body.id);
      }
      await api.request('POST', `/admin/proxy-sweeps/${ids[2]}/accept`, { token: staff.token, body: {} });
      const first = await api.request('GET', `/admin/proxy-sweeps?siteId=${site.id}&limit=2`, { token: staff.token });
      expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids[1], ids[3]]);
      const second = await api.request('GET', `/admin/proxy-sweeps?siteId=${site.id}&limit=2&cursor=${first.body.nextCursor}`, { token: staff.token });
      expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0], ids[2]]);
      const submitted = await api.request('GET', `/admin/proxy-sweeps?siteId=${site.id}&status=submitted`, { token: staff.token });
      expect(submitted.body.items.map((i: { id: string }) => i.id)).toEqual([ids[1], ids[3], ids[0]]);
      expect((await api.request('GET', '/admin/proxy-sweeps?status=lost', { token: staff.token })).status).toBe(400);
      expect((await api.request('GET', '/admin/proxy-sweeps?cursor=@@', { token: staff.token })).status).toBe(400);

      const mine = await api.request('GET', '/proxy-sweeps/mine?limit=3', { token: family.token });
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([ids[3], ids[2], ids[1]]);
      const rest = await api.request('GET', `/proxy-sweeps/mine?limit=3&cursor=${mine.body.nextCursor}`, { token: family.token });
      expect(rest.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    });
  });
});
