import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from './world.js';

/** Defects the fuzzer found, pinned by name. */
describe('hostile requests the fuzzer found', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  }, 120_000);
  afterAll(() => w.close());

  it('a path parameter with broken percent-encoding is 400 VALIDATION_FAILED, not 500', async () => {
    for (const path of ['/sites/%E0%A4%A', '/martyrs/%ZZ/tributes', '/admin/sites/%C0%AF/history']) {
      const res = await w.request('GET', path, { token: w.tokens.admin });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a CSV or octet-stream body on a JSON route is 415 and does nothing (it was read as an empty body)', async () => {
    const auditBefore = await w.api.db.collection('audit_log').countDocuments();
    const sweep = await w.sweepIn('submitted');
    for (const type of ['text/csv', 'application/octet-stream', 'multipart/form-data; boundary=zzz']) {
      const res = await w.request('POST', `/admin/proxy-sweeps/${sweep.id}/accept`, { token: w.tokens.admin, raw: 'assigneeId\nx', headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await w.request('GET', `/proxy-sweeps/${sweep.id}`, { token: w.tokens.admin })).body.status).toBe('submitted');
    expect(await w.api.db.collection('audit_log').countDocuments()).toBe(auditBefore);
  });

  it('uploads and imports still take their own content types', async () => {
    expect((await w.upload(w.people.citizenA)).id).toMatch(/^[0-9a-f]{24}$/);
    const csv = 'code,name,level,category,district,address,lat,lng,coordSystem,openingHours,phone,intro\n';
    const res = await w.request('POST', '/admin/import/sites', { token: w.tokens.admin, raw: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
  });

  it('unwatching a slot id that cannot exist is 404, not a 200 echoing the id', async () => {
    const res = await w.request('DELETE', `/slots/${encodeURIComponent('{"$gt":""}')}/watch`, { token: w.tokens.citizenA });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
