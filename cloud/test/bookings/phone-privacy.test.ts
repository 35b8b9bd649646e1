import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startApi, type ApiResponse, type TestApi } from '../helpers.js';
import { book, bookableSite, citizen, Clock, slotId } from './fixtures.js';

const PHONE = '13912345678';
const GROUP_PHONE = '15887654321';

/** Every log line the app writes, at debug level, through the production logger. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
}

describe('contact phones in booking flows', () => {
  const logs = new LogCapture();
  const clock = new Clock(new Date('2025-03-31T01:00:00Z'));
  let api: TestApi;
  const responses: ApiResponse[] = [];
  const keep = async (p: Promise<ApiResponse>) => {
    const res = await p;
    responses.push(res);
    return res;
  };

  beforeAll(async () => {
    api = await startApi({ now: clock.now, logger: createLogger('debug', logs) });
  });
  afterAll(() => api.close());

  it('never appear in full in any response or log line, whatever the outcome', async () => {
    const { site } = await bookableSite(api);
    const owner = await citizen(api);
    const staff = await api.staff(['staff'], [site.id]);
    const slot = slotId(site.id, '2025-03-31', '14:00');

    const created = await keep(book(api, owner.token, slot, { key: 'privacy-key-1', contactPhone: PHONE, partySize: 2 }));
    expect(created.status).toBe(201);
    expect((await keep(book(api, owner.token, slot, { key: 'privacy-key-1', contactPhone: PHONE, partySize: 2 }))).status).toBe(200);
    expect((await keep(book(api, owner.token, slot, { key: 'privacy-key-1', contactPhone: PHONE, partySize: 3 }))).status).toBe(409);
    expect((await keep(book(api, owner.token, slot, { contactPhone: PHONE }))).status).toBe(409);
    expect((await keep(book(api, owner.token, slot, { contactPhone: `${PHONE}9` }))).status).toBe(400);
    expect((await keep(book(api, (await citizen(api)).token, slot, { contactPhone: PHONE, partySize: 4 }))).status).toBe(409);
    expect((await keep(book(api, staff.token, slotId(site.id, '2025-04-06', '09:00'), { path: '/admin/bookings', contactPhone: GROUP_PHONE, organization: '社区老年协会', partySize: 12 }))).status).toBe(201);
    await keep(api.request('GET', `/bookings/${created.body.id}`, { token: owner.token }));
    await keep(api.request('GET', '/bookings/mine', { token: owner.token }));
    await keep(api.request('GET', `/admin/sites/${site.id}/bookings?date=2025-03-31`, { token: staff.token }));
    expect((await keep(api.request('POST', '/admin/bookings/check-in', { token: staff.token, body: { code: created.body.code } }))).status).toBe(200);
    const other = await keep(book(api, (await citizen(api)).token, slotId(site.id, '2025-04-01', '09:00'), { contactPhone: PHONE }));
    expect((await keep(api.request('POST', `/bookings/${other.body.id}/cancel`, { token: owner.token }))).status).toBe(404);

    expect(responses.length).toBeGreaterThan(10);
    expect(logs.lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(responses.length);
    for (const full of [PHONE, GROUP_PHONE]) {
      for (const res of responses) expect(res.text).not.toContain(full);
      for (const line of logs.lines) expect(line).not.toContain(full);
    }
    expect(created.body.contactPhone).toBe('139****5678');
    const stored = JSON.stringify(await api.db.collection('bookings').find({ siteId: site.id }).toArray());
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain(GROUP_PHONE);
  });
});
