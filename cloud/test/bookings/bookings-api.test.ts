import { randomUUID } from 'node:crypto';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { book, bookableSite, citizen, Clock, DEFAULT_TEMPLATE, phone, slotId, slotOf } from './fixtures.js';

// Monday 2025-03-31, 09:00 in Shanghai.
const START = '2025-03-31T01:00:00Z';
const TODAY = '2025-03-31';
const TOMORROW = '2025-04-01';

describe('booked visits API', () => {
  let api: TestApi;
  const clock = new Clock(new Date(START));

  beforeAll(async () => {
    api = await startApi({ now: clock.now });
  });
  afterAll(() => api.close());
  beforeEach(() => clock.set(START));

  const bookingDoc = (id: string) => api.db.collection('bookings').findOne({ _id: new ObjectId(id) });
  const slotDoc = (id: string) => api.db.collection<{ _id: string }>('booking_slots').findOne({ _id: id });

  describe('PUT /admin/sites/:id/slot-template', () => {
    it('saves the template with default rules for the site manager, marks the site bookable and audits it', async () => {
      const { site, manager } = await bookableSite(api);
      const res = await api.request('GET', `/admin/sites/${site.id}/slot-template`, { token: manager.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        siteId: site.id,
        weekdays: DEFAULT_TEMPLATE.weekdays,
        slots: DEFAULT_TEMPLATE.slots,
        bookingWindowDays: 7,
        cancelCutoffMinutes: 60,
        maxCompanions: 4,
        group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 },
        version: 1,
      });
      expect((await api.services.sites.getSite(site.id)).bookable).toBe(true);
      const audit = await api.services.audit.list({ siteId: site.id });
      expect(audit.map((a) => a.action)).toContain('booking.template.create');
    });

    it('refuses managers of other sites, staff and citizens (403) and anonymous callers (401)', async () => {
      const { site } = await bookableSite(api);
      const other = await api.staff(['site_manager'], ['65f0000000000000000000aa']);
      const staff = await api.staff(['staff'], [site.id]);
      const person = await citizen(api);
      for (const token of [other.token, staff.token, person.token]) {
        const res = await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token, body: DEFAULT_TEMPLATE });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { body: DEFAULT_TEMPLATE })).status).toBe(401);
    });

    it('answers 400 VALIDATION_FAILED naming overlapping slots', async () => {
      const { site, manager } = await bookableSite(api);
      const res = await api.request('PUT', `/admin/sites/${site.id}/slot-template`, {
        token: manager.token,
        body: { weekdays: [1], slots: [{ start: '09:00', end: '10:30', capacity: 5 }, { start: '10:00', end: '11:00', capacity: 5 }] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('slots.1.start');
    });

    it('refuses with 409 to cut a slot below its booked seats and leaves template and slot untouched', async () => {
      const { site, manager } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '14:00');
      const person = await citizen(api);
      expect((await book(api, person.token, id, { partySize: 4 })).status).toBe(201);
      const smaller = { ...DEFAULT_TEMPLATE, slots: [DEFAULT_TEMPLATE.slots[0], { start: '14:00', end: '15:00', capacity: 3 }] };
      const res = await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token: manager.token, body: smaller });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
      expect(res.body.error.details.slots).toEqual([{ slotId: id, date: TOMORROW, start: '14:00', bookedSeats: 4, newCapacity: 3 }]);
      const closing = { ...DEFAULT_TEMPLATE, overrides: [{ date: TOMORROW, closed: true }] };
      expect((await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token: manager.token, body: closing })).status).toBe(409);
      expect((await api.services.bookings.templates.findBySite(site.id))!.version).toBe(1);
      expect(await slotDoc(id)).toMatchObject({ capacity: 5, remaining: 1 });
    });

    it('applies a larger capacity to a slot that already has bookings, keeping its booked seats', async () => {
      const { site, manager } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '14:00');
      expect((await book(api, (await citizen(api)).token, id, { partySize: 2 })).status).toBe(201);
      const bigger = { ...DEFAULT_TEMPLATE, slots: [DEFAULT_TEMPLATE.slots[0], { start: '14:00', end: '15:30', capacity: 12 }] };
      const res = await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token: manager.token, body: bigger });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(2);
      expect(await slotDoc(id)).toMatchObject({ capacity: 12, remaining: 10, end: '15:30', templateVersion: 2 });
      expect(await slotOf(api, site.id, TOMORROW, '14:00')).toMatchObject({ capacity: 12, remaining: 10, end: '15:30' });
    });

    it('closes a date with a peak-day override and opens another with its own slots', async () => {
      const { site, manager } = await bookableSite(api);
      const peak = '2025-04-04';
      const body = {
        ...DEFAULT_TEMPLATE,
        overrides: [
          { date: TOMORROW, closed: true, note: '设备检修' },
          { date: peak, slots: [{ start: '07:00', end: '08:00', capacity: 200 }, { start: '08:00', end: '09:00', capacity: 200 }], note: '清明' },
        ],
      };
      expect((await api.request('PUT', `/admin/sites/${site.id}/slot-template`, { token: manager.token, body })).status).toBe(200);
      const closed = await api.request('GET', `/sites/${site.id}/slots?date=${TOMORROW}`);
      expect(closed.body).toMatchObject({ date: TOMORROW, status: 'closed', items: [], note: '设备检修' });
      const open = await api.request('GET', `/sites/${site.id}/slots?date=${peak}`);
      expect(open.body.items.map((s: { start: string; capacity: number }) => [s.start, s.capacity])).toEqual([
        ['07:00', 200],
        ['08:00', 200],
      ]);
    });
  });

  describe('GET /sites/:id/slots and /booking-calendar', () => {
    it('lists the date’s slots ordered by start with capacity and remaining seats', async () => {
      const { site } = await bookableSite(api, { ...DEFAULT_TEMPLATE, slots: [...DEFAULT_TEMPLATE.slots].reverse() });
      const res = await api.request('GET', `/sites/${site.id}/slots?date=${TOMORROW}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('open');
      expect(res.body.items).toEqual([
        { id: slotId(site.id, TOMORROW, '09:00'), start: '09:00', end: '10:00', capacity: 20, remaining: 20, open: true },
        { id: slotId(site.id, TOMORROW, '14:00'), start: '14:00', end: '15:00', capacity: 5, remaining: 5, open: true },
      ]);
      expect(res.body.rules).toMatchObject({ maxIndividualParty: 5, bookingWindowDays: 7 });
    });

    it('marks days beyond the booking window unavailable, and answers 400 for a bad date and 404 for an unknown site', async () => {
      const { site } = await bookableSite(api);
      expect((await api.request('GET', `/sites/${site.id}/slots?date=2025-04-07`)).body.status).toBe('open');
      expect((await api.request('GET', `/sites/${site.id}/slots?date=2025-04-08`)).body.status).toBe('unavailable');
      expect((await api.request('GET', `/sites/${site.id}/slots?date=2025-04-08&kind=group`)).body.status).toBe('open');
      expect((await api.request('GET', `/sites/${site.id}/slots?date=2025-04-02&kind=group`)).body.status).toBe('unavailable');
      expect((await api.request('GET', `/sites/${site.id}/slots?date=2025-02-30`)).status).toBe(400);
      expect((await api.request('GET', `/sites/65f0000000000000000000bb/slots?date=${TOMORROW}`)).status).toBe(404);
    });

    it('shows open, full, closed and unavailable days in the calendar', async () => {
      const { site } = await bookableSite(api, {
        weekdays: [1, 2, 3, 4, 5, 6],
        slots: [{ start: '14:00', end: '15:00', capacity: 1 }],
      });
      expect((await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '14:00'))).status).toBe(201);
      const res = await api.request('GET', `/sites/${site.id}/booking-calendar?from=${TODAY}&days=10`);
      expect(res.status).toBe(200);
      const byDate = Object.fromEntries(res.body.items.map((d: { date: string; status: string }) => [d.date, d.status]));
      expect(byDate).toMatchObject({
        [TODAY]: 'open',
        [TOMORROW]: 'full',
        '2025-04-06': 'closed', // Sunday
        '2025-04-07': 'open',
        '2025-04-08': 'unavailable',
      });
      expect(res.body.items[1]).toMatchObject({ capacity: 1, remaining: 0 });
    });
  });

  describe('POST /bookings', () => {
    it('books seats: 201 with a code and a masked phone, the slot loses the seats, the phone is stored encrypted', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      const res = await book(api, person.token, id, { partySize: 3, contactPhone: '13812345678', contactName: '李四' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'booked', slotId: id, partySize: 3, contactPhone: '138****5678', siteId: site.id, date: TOMORROW, start: '09:00', kind: 'individual', channel: 'self', canCancel: true });
      expect(res.body.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      expect(res.text).not.toContain('13812345678');
      expect(await slotDoc(id)).toMatchObject({ capacity: 20, remaining: 17 });
      const stored = await bookingDoc(res.body.id);
      expect(JSON.stringify(stored)).not.toContain('13812345678');
      expect(stored!.contactPhone.masked).toBe('138****5678');
      expect(stored!.contactPhone.enc).toMatch(/^v1\./);
      expect((await slotOf(api, site.id, TOMORROW, '09:00'))!.remaining).toBe(17);
    });

    it('requires an Idempotency-Key header (400) and a signed-in caller (401)', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const body = { slotId: slotId(site.id, TOMORROW, '09:00'), partySize: 1, contactName: '张三', contactPhone: phone() };
      const missing = await api.request('POST', '/bookings', { token: person.token, body });
      expect(missing.status).toBe(400);
      expect(missing.body.error.details[0].path).toBe('Idempotency-Key');
      expect((await api.request('POST', '/bookings', { body, headers: { 'Idempotency-Key': randomUUID() } })).status).toBe(401);
    });

    it('answers the same Idempotency-Key and body with the same booking and takes no extra seat', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      const key = randomUUID();
      const contactPhone = phone();
      const first = await book(api, person.token, id, { key, partySize: 2, contactPhone });
      const again = await book(api, person.token, id, { key, partySize: 2, contactPhone });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.code).toBe(first.body.code);
      expect(await slotDoc(id)).toMatchObject({ remaining: 18 });
      expect(await api.db.collection('bookings').countDocuments({ siteId: site.id })).toBe(1);
    });

    it('answers the same Idempotency-Key with a different body 409 CONFLICT and takes no seat', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      const key = randomUUID();
      const contactPhone = phone();
      expect((await book(api, person.token, id, { key, partySize: 1, contactPhone })).status).toBe(201);
      const changed = await book(api, person.token, id, { key, partySize: 2, contactPhone });
      expect(changed.status).toBe(409);
      expect(changed.body.error.code).toBe('CONFLICT');
      expect(await slotDoc(id)).toMatchObject({ remaining: 19 });
    });

    it('keeps Idempotency-Keys per user: another user with the same key gets a booking of their own', async () => {
      const { site } = await bookableSite(api);
      const key = randomUUID();
      const a = await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '09:00'), { key });
      const b = await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '09:00'), { key });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('refuses a second active booking at the same site on the same day with 409 ALREADY_BOOKED, taking no seat', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const first = await book(api, person.token, slotId(site.id, TOMORROW, '09:00'));
      expect(first.status).toBe(201);
      const second = await book(api, person.token, slotId(site.id, TOMORROW, '14:00'));
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('ALREADY_BOOKED');
      expect(second.body.error.details.bookingId).toBe(first.body.id);
      expect((await slotOf(api, site.id, TOMORROW, '14:00'))!.remaining).toBe(5);
      expect((await book(api, person.token, slotId(site.id, '2025-04-02', '14:00'))).status).toBe(201);
    });

    it('lets the user book that day again once the first booking is cancelled', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const first = await book(api, person.token, slotId(site.id, TOMORROW, '09:00'));
      expect((await api.request('POST', `/bookings/${first.body.id}/cancel`, { token: person.token })).status).toBe(200);
      const again = await book(api, person.token, slotId(site.id, TOMORROW, '14:00'));
      expect(again.status).toBe(201);
    });

    it('answers 409 SLOT_FULL when the party does not fit and takes nothing', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '14:00');
      expect((await book(api, (await citizen(api)).token, id, { partySize: 4 })).status).toBe(201);
      const res = await book(api, (await citizen(api)).token, id, { partySize: 2 });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('SLOT_FULL');
      expect(await slotDoc(id)).toMatchObject({ remaining: 1 });
      expect(await api.db.collection('bookings').countDocuments({ slotId: id })).toBe(1);
    });

    it('caps an individual party at 5 and lets a group book a larger party 5+ days ahead', async () => {
      const { site } = await bookableSite(api);
      const big = await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '09:00'), { partySize: 6 });
      expect(big.status).toBe(400);
      expect(big.body.error.details[0].path).toBe('partySize');
      const groupTooSoon = await book(api, (await citizen(api)).token, slotId(site.id, '2025-04-04', '09:00'), { partySize: 15, organization: '武汉市第一中学' });
      expect(groupTooSoon.status).toBe(400);
      expect(groupTooSoon.body.error.message).toMatch(/提前 5 天/);
      const group = await book(api, (await citizen(api)).token, slotId(site.id, '2025-04-05', '09:00'), { partySize: 15, organization: '武汉市第一中学' });
      expect(group.status).toBe(201);
      expect(group.body).toMatchObject({ kind: 'group', organization: '武汉市第一中学', partySize: 15 });
    });

    it('honours a site’s own companion cap', async () => {
      const { site } = await bookableSite(api, { ...DEFAULT_TEMPLATE, maxCompanions: 1 });
      const res = await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '09:00'), { partySize: 3 });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/最多 2 人/);
    });

    it('refuses slots outside the booking window, already ended, or not in the template', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      expect((await book(api, person.token, slotId(site.id, '2025-04-07', '09:00'))).status).toBe(201);
      const far = await book(api, person.token, slotId(site.id, '2025-04-08', '09:00'));
      expect(far.status).toBe(400);
      expect(far.body.error.details[0].path).toBe('slotId');
      clock.set('2025-03-31T02:30:00Z'); // 10:30, the 09:00–10:00 slot has ended
      expect((await book(api, person.token, slotId(site.id, TODAY, '09:00'))).status).toBe(400);
      expect((await book(api, person.token, slotId(site.id, TOMORROW, '11:00'))).status).toBe(404);
      expect((await book(api, person.token, 'not-a-slot')).status).toBe(404);
    });

    it('allows 5 booking attempts a minute and answers the 11th with 429 and Retry-After', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 11; i++) {
        last = await book(api, person.token, slotId(site.id, TOMORROW, '09:00'), { partySize: 6 });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect(last!.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('under a burst', () => {
    it('sells exactly 20 seats to 60 users booking one 20-seat slot at once: 20 booked, 40 SLOT_FULL, remaining 0', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      const people = await Promise.all(Array.from({ length: 60 }, () => citizen(api)));
      const results = await Promise.all(people.map((p) => book(api, p.token, id)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 409)).toHaveLength(40);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'SLOT_FULL')).toBe(true);
      expect(await slotDoc(id)).toMatchObject({ capacity: 20, remaining: 0 });
      expect(await api.db.collection('bookings').countDocuments({ slotId: id, status: 'booked' })).toBe(20);
      expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.code)).size).toBe(20);
      expect((await api.services.bookings.reconcile({ siteId: site.id, quietMs: 0 })).drifted).toEqual([]);
    });

    it('never lets one user hold two bookings for the day, even when their requests race', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const results = await Promise.all(['09:00', '14:00', '09:00', '14:00'].map((t) => book(api, person.token, slotId(site.id, TOMORROW, t))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'ALREADY_BOOKED')).toBe(true);
      const seats = (await api.request('GET', `/sites/${site.id}/slots?date=${TOMORROW}`)).body.items.reduce((n: number, s: { capacity: number; remaining: number }) => n + s.capacity - s.remaining, 0);
      expect(seats).toBe(1);
    });
  });

  describe('reading, vouchers and privacy', () => {
    it('shows the owner their bookings, newest first, and each one in detail', async () => {
      const { site } = await bookableSite(api);
      const person = await citizen(api);
      const a = await book(api, person.token, slotId(site.id, TOMORROW, '09:00'));
      const b = await book(api, person.token, slotId(site.id, '2025-04-02', '09:00'));
      const mine = await api.request('GET', '/bookings/mine', { token: person.token });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([b.body.id, a.body.id]);
      const detail = await api.request('GET', `/bookings/${a.body.id}`, { token: person.token });
      expect(detail.body).toMatchObject({ id: a.body.id, code: a.body.code, siteName: '预约测试烈士陵园' });
      expect(detail.body.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('hides a booking from other citizens (404 to read, cancel or fetch its QR) and from other sites’ staff (403)', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'));
      const stranger = await citizen(api);
      const otherStaff = await api.staff(['staff'], ['65f0000000000000000000cc']);
      for (const [method, path] of [
        ['GET', `/bookings/${res.body.id}`],
        ['POST', `/bookings/${res.body.id}/cancel`],
        ['GET', `/bookings/${res.body.id}/qr.png`],
      ] as const) {
        const r = await api.request(method, path, { token: stranger.token });
        expect(r.status).toBe(404);
        expect(r.text).not.toContain(res.body.code);
      }
      expect((await api.request('GET', `/bookings/${res.body.id}`, { token: otherStaff.token })).status).toBe(403);
      expect((await api.request('GET', '/bookings/mine', { token: stranger.token })).body.items).toEqual([]);
      expect((await bookingDoc(res.body.id))!.status).toBe('booked');
    });

    it('lets the site’s staff read a booking with the phone masked, but not cancel it as the owner', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'), { contactPhone: '13700001111' });
      const staff = await api.staff(['staff'], [site.id]);
      const read = await api.request('GET', `/bookings/${res.body.id}`, { token: staff.token });
      expect(read.status).toBe(200);
      expect(read.body.contactPhone).toBe('137****1111');
      expect((await api.request('POST', `/bookings/${res.body.id}/cancel`, { token: staff.token })).status).toBe(403);
    });

    it('serves the owner a PNG QR code of the booking code', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'));
      const response = await fetch(`${api.baseUrl}/bookings/${res.body.id}/qr.png`, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      const { PNG } = await import('pngjs');
      const jsQR = (await import('jsqr')).default;
      const png = PNG.sync.read(bytes);
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(res.body.code);
    });

    it('gives only the owner a signed QR link that loads without a header, and refuses a tampered one', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'));
      expect(res.body.qrUrl).toMatch(new RegExp(`^/api/v1/bookings/${res.body.id}/qr\\.png\\?exp=\\d+&sig=`));
      const origin = new URL(api.baseUrl).origin;
      const signed = await fetch(origin + res.body.qrUrl);
      expect(signed.status).toBe(200);
      expect(signed.headers.get('content-type')).toBe('image/png');
      expect((await fetch(origin + res.body.qrUrl.replace(/sig=.*/, `sig=${'A'.repeat(43)}`))).status).toBe(404);
      expect((await fetch(origin + res.body.qrUrl.replace(/exp=\d+/, 'exp=1'))).status).toBe(404);
      expect((await fetch(`${api.baseUrl}/bookings/${res.body.id}/qr.png`)).status).toBe(401);
      const staff = await api.staff(['staff'], [site.id]);
      const read = await api.request('GET', `/bookings/${res.body.id}`, { token: staff.token });
      expect(read.body.qrUrl).toBeUndefined();
      expect((await api.request('GET', `/bookings/${res.body.id}`, { token: owner.token })).body.qrUrl).toBeDefined();
    });
  });

  describe('POST /bookings/:id/cancel', () => {
    it('cancels before the cut-off and puts the seats straight back on sale; cancelling again is harmless', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const id = slotId(site.id, TOMORROW, '14:00');
      const res = await book(api, owner.token, id, { partySize: 5 });
      expect((await slotOf(api, site.id, TOMORROW, '14:00'))!.remaining).toBe(0);
      const cancel = await api.request('POST', `/bookings/${res.body.id}/cancel`, { token: owner.token });
      expect(cancel.status).toBe(200);
      expect(cancel.body).toEqual({ id: res.body.id, status: 'cancelled' });
      expect((await slotOf(api, site.id, TOMORROW, '14:00'))!.remaining).toBe(5);
      const again = await api.request('POST', `/bookings/${res.body.id}/cancel`, { token: owner.token });
      expect(again.status).toBe(200);
      expect(await slotDoc(id)).toMatchObject({ remaining: 5 });
      const stored = await bookingDoc(res.body.id);
      expect(stored).toMatchObject({ status: 'cancelled', activeKey: `cancelled|${res.body.id}` });
      expect((await book(api, (await citizen(api)).token, id, { partySize: 5 })).status).toBe(201);
    });

    it('refuses after the cut-off (60 minutes before the start) with 409 and keeps the seats taken', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'));
      clock.set('2025-04-01T00:00:00Z'); // 08:00 on the day: the cut-off passed
      const cancel = await api.request('POST', `/bookings/${res.body.id}/cancel`, { token: owner.token });
      expect(cancel.status).toBe(409);
      expect(cancel.body.error.code).toBe('CONFLICT');
      expect(await slotDoc(slotId(site.id, TOMORROW, '09:00'))).toMatchObject({ remaining: 19 });
      expect((await api.request('GET', `/bookings/${res.body.id}`, { token: owner.token })).body.canCancel).toBe(false);
    });
  });

  describe('tell me when a seat frees up', () => {
    it('tells each watcher of a full slot once when a seat is cancelled', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '14:00');
      const holders = await Promise.all(Array.from({ length: 5 }, () => citizen(api)));
      const booked = [];
      for (const h of holders) booked.push(await book(api, h.token, id));
      const [w1, w2] = [await citizen(api), await citizen(api)];
      for (const w of [w1, w2]) {
        const r = await api.request('POST', `/slots/${id}/watch`, { token: w.token });
        expect(r.status).toBe(201);
        expect(r.body).toEqual({ slotId: id, watching: true });
      }
      expect((await api.request('GET', `/sites/${site.id}/slots?date=${TOMORROW}`, { token: w1.token })).body.items[1].watching).toBe(true);
      await api.request('POST', `/bookings/${booked[0]!.body.id}/cancel`, { token: holders[0]!.token });
      await api.request('POST', `/bookings/${booked[1]!.body.id}/cancel`, { token: holders[1]!.token });
      for (const w of [w1, w2]) {
        const list = await api.services.notifications.listForUser(w.id);
        expect(list.filter((n) => n.template === 'seat_available')).toHaveLength(1);
        expect(list[0]!.data.slotId).toBe(id);
      }
      expect((await api.services.notifications.listForUser(holders[2]!.id)).filter((n) => n.template === 'seat_available')).toHaveLength(0);
    });

    it('answers 409 when the slot still has seats, and stops watching on DELETE', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      const w = await citizen(api);
      const r = await api.request('POST', `/slots/${id}/watch`, { token: w.token });
      expect(r.status).toBe(409);
      expect(r.body.error.details.remaining).toBe(20);
      const del = await api.request('DELETE', `/slots/${id}/watch`, { token: w.token });
      expect(del.body).toEqual({ slotId: id, watching: false });
    });
  });

  describe('staff: check-in, day sheet, green channel', () => {
    it('checks a visitor in by code on the day; a second scan is 409', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TODAY, '14:00'), { partySize: 3 });
      const staff = await api.staff(['staff'], [site.id]);
      const first = await api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: res.body.code.toLowerCase() } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'checked_in', booking: { id: res.body.id, partySize: 3, status: 'checked_in' } });
      const second = await api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: res.body.code } });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('CONFLICT');
      expect((await bookingDoc(res.body.id))!.status).toBe('checked_in');
      expect((await api.request('POST', `/bookings/${res.body.id}/cancel`, { token: owner.token })).status).toBe(409);
      expect((await api.services.audit.list({ siteId: site.id })).map((a) => a.action)).toContain('booking.check_in');
    });

    it('refuses other sites’ staff (403), citizens (403), unknown codes (404) and another day’s booking (409)', async () => {
      const { site } = await bookableSite(api);
      const owner = await citizen(api);
      const res = await book(api, owner.token, slotId(site.id, TOMORROW, '09:00'));
      const other = await api.staff(['staff'], ['65f0000000000000000000dd']);
      const staff = await api.staff(['staff'], [site.id]);
      expect((await api.request('POST', '/admin/bookings/check-in', { token: other.token, body: { code: res.body.code } })).status).toBe(403);
      expect((await api.request('POST', '/admin/bookings/check-in', { token: owner.token, body: { code: res.body.code } })).status).toBe(403);
      expect((await api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: 'ZZZZZZZZ' } })).status).toBe(404);
      const wrongDay = await api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: res.body.code } });
      expect(wrongDay.status).toBe(409);
      expect(wrongDay.body.error.message).toContain(TOMORROW);
      expect((await bookingDoc(res.body.id))!.status).toBe('booked');
    });

    it('gives the site’s staff a day sheet with every slot, its bookings and headcounts', async () => {
      const { site } = await bookableSite(api);
      const staff = await api.staff(['staff'], [site.id]);
      const a = await book(api, (await citizen(api)).token, slotId(site.id, TODAY, '14:00'), { partySize: 2 });
      await book(api, (await citizen(api)).token, slotId(site.id, TODAY, '14:00'), { partySize: 1 });
      const c = await book(api, (await citizen(api)).token, slotId(site.id, TODAY, '14:00'), { partySize: 1 });
      await api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: a.body.code } });
      await api.request('POST', `/admin/bookings/${c.body.id}/cancel`, { token: staff.token, body: { reason: '来电取消' } });
      const res = await api.request('GET', `/admin/sites/${site.id}/bookings?date=${TODAY}`, { token: staff.token });
      expect(res.status).toBe(200);
      expect(res.body.slots.map((s: { start: string }) => s.start)).toEqual(['09:00', '14:00']);
      expect(res.body.slots[1]).toMatchObject({ capacity: 5, remaining: 2, bookedSeats: 3, checkedInSeats: 2 });
      expect(res.body.slots[1].bookings).toHaveLength(3);
      expect(res.body.totals).toMatchObject({ bookings: 2, bookedSeats: 3, checkedInSeats: 2 });
      expect(JSON.stringify(res.body)).not.toMatch(/1[3-9]\d{9}/);
      const other = await api.staff(['staff'], ['65f0000000000000000000ee']);
      expect((await api.request('GET', `/admin/sites/${site.id}/bookings?date=${TODAY}`, { token: other.token })).status).toBe(403);
    });

    it('books for a caller without a smartphone (green channel), marked assisted, one per phone per day', async () => {
      const { site } = await bookableSite(api);
      const staff = await api.staff(['staff'], [site.id]);
      const elder = '13900009999';
      const res = await book(api, staff.token, slotId(site.id, TOMORROW, '09:00'), { path: '/admin/bookings', contactPhone: elder, contactName: '王奶奶', partySize: 2 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ channel: 'assisted', contactPhone: '139****9999', partySize: 2 });
      const again = await book(api, staff.token, slotId(site.id, TOMORROW, '14:00'), { path: '/admin/bookings', contactPhone: elder, contactName: '王奶奶' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ALREADY_BOOKED');
      expect((await api.request('GET', '/bookings/mine', { token: staff.token })).body.items).toEqual([]);
      const other = await api.staff(['staff'], ['65f0000000000000000000ff']);
      expect((await book(api, other.token, slotId(site.id, TOMORROW, '09:00'), { path: '/admin/bookings' })).status).toBe(403);
      expect((await api.services.audit.list({ siteId: site.id })).map((a) => a.action)).toContain('booking.assisted_create');
      const citizenTry = await book(api, (await citizen(api)).token, slotId(site.id, TOMORROW, '09:00'), { path: '/admin/bookings' });
      expect(citizenTry.status).toBe(403);
    });
  });

  describe('reconciliation', () => {
    it('reports and repairs a slot whose seats were taken for a booking that was never recorded', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      await book(api, (await citizen(api)).token, id, { partySize: 2 });
      // A process died between taking 3 seats and recording the booking.
      await api.db.collection('booking_slots').updateOne({ _id: id as never }, { $inc: { remaining: -3 } });
      const report = await api.services.bookings.reconcile({ siteId: site.id, fix: true, quietMs: 0 });
      expect(report.drifted).toEqual([{ slotId: id, capacity: 20, remaining: 15, bookedSeats: 2, expectedRemaining: 18 }]);
      expect(report.fixed).toBe(1);
      expect(await slotDoc(id)).toMatchObject({ remaining: 18 });
      expect((await api.services.bookings.reconcile({ siteId: site.id, fix: true, quietMs: 0 })).drifted).toEqual([]);
    });

    it('leaves a slot alone while seats moved in it recently (a booking may be in flight)', async () => {
      const { site } = await bookableSite(api);
      const id = slotId(site.id, TOMORROW, '09:00');
      await book(api, (await citizen(api)).token, id);
      await api.db.collection('booking_slots').updateOne({ _id: id as never }, { $inc: { remaining: -1 } });
      const report = await api.services.bookings.reconcile({ siteId: site.id, fix: true, quietMs: 60_000 });
      expect(report).toMatchObject({ busy: 1, fixed: 0, drifted: [] });
      expect(await slotDoc(id)).toMatchObject({ remaining: 18 });
    });

    it('is available to admins over HTTP and refused to managers', async () => {
      const { site, manager } = await bookableSite(api);
      const admin = await api.staff(['admin']);
      const res = await api.request('POST', '/admin/bookings/reconcile', { token: admin.token, body: { siteId: site.id } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ drifted: [], fixed: 0 });
      expect((await api.request('POST', '/admin/bookings/reconcile', { token: manager.token, body: {} })).status).toBe(403);
    });
  });
});
