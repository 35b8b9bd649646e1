import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../helpers.js';
import { adminCreateSite, uniqueCode } from './fixtures.js';

const HEADER = 'code,name,level,category,district,address,lat,lng,coordSystem,openingHours,phone,intro';

function csv(...lines: string[]): string {
  return [HEADER, ...lines].join('\n') + '\n';
}

async function xlsx(rows: Array<Array<string | number>>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('sites');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('importing sites and martyrs', () => {
  let api: TestApi;
  let admin: { token: string; id: string; username: string };

  const importSites = (body: string | Uint8Array, contentType = 'text/csv; charset=utf-8', token = admin.token) =>
    api.request('POST', '/admin/import/sites', { token, raw: body, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    api = await startApi();
    admin = await api.staff(['admin']);
  });
  afterAll(() => api.close());

  describe('POST /admin/import/sites', () => {
    it('with one new row, one update and one bad latitude, reports created 1, updated 1, failed row 3, and keeps the two good rows', async () => {
      const existing = await adminCreateSite(api, admin.token, { name: '旧名称', phone: '027-1111' });
      const newCode = uniqueCode('N');
      const badCode = uniqueCode('B');
      const body = csv(
        `${newCode},新陵园,county,cemetery,洪山区,洪山路 1 号,30.51,114.40,gcj02,08:30-17:00 周一闭馆,027-2222,新建`,
        `${existing.code},新名称,municipal,cemetery,武昌区,测试路 1 号,30.55,114.33,,,027-1111,`,
        `${badCode},坏纬度,county,monument,江岸区,某路,95,114.3,,,,`,
      );

      const res = await importSites(body);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, created: 1, updated: 1, unchanged: 0 });
      expect(res.body.failed).toHaveLength(1);
      expect(res.body.failed[0]).toMatchObject({ row: 3, code: badCode });
      expect(res.body.failed[0].errors[0].field).toBe('lat');
      const created = await api.db.collection('sites').findOne({ code: newCode });
      expect(created).toMatchObject({ name: '新陵园', status: 'draft', version: 1, openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1] } });
      expect(await api.db.collection('sites').findOne({ code: existing.code })).toMatchObject({ name: '新名称', version: 2 });
      expect(await api.db.collection('sites').countDocuments({ code: badCode })).toBe(0);
    });

    it('re-running the same file changes nothing: every row unchanged, no version bump, no new history', async () => {
      const code = uniqueCode('R');
      const body = '\uFEFF' + csv(`${code},重跑陵园,county,monument,江夏区,江夏路 2 号,30.35,114.31,wgs84,,027-3333,简介`);
      const first = await importSites(body);
      expect(first.body).toMatchObject({ created: 1, updated: 0, unchanged: 0, failed: [] });
      const historyBefore = await api.db.collection('audit_log').countDocuments({ action: { $regex: '^site' } });

      const second = await importSites(body);

      expect(second.body).toMatchObject({ total: 1, created: 0, updated: 0, unchanged: 1, failed: [] });
      expect(await api.db.collection('sites').findOne({ code })).toMatchObject({ version: 1 });
      expect(await api.db.collection('audit_log').countDocuments({ action: { $regex: '^site' } })).toBe(historyBefore);
    });

    it('reads XLSX workbooks the same way, with Chinese labels for level and category', async () => {
      const code = uniqueCode('X');
      const bytes = await xlsx([
        HEADER.split(','),
        [code, '表格陵园', '县级', '零散烈士墓', '新洲区', '新洲路 3 号', 30.84, 114.8, 'gcj02', '', '', ''],
      ]);
      const res = await importSites(bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ created: 1, failed: [] });
      expect(await api.db.collection('sites').findOne({ code })).toMatchObject({ level: 'county', category: 'scattered_grave', location: { lat: 30.84, lng: 114.8 } });

      const again = await importSites(bytes, 'application/octet-stream');
      expect(again.body).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
    });

    it('reports every bad cell of a row, a duplicate code inside the file, and ignored extra columns', async () => {
      const code = uniqueCode('D');
      const body = [
        `${HEADER},notes`,
        `${code},甲,county,monument,区,路,30.5,114.3,,,,,x`,
        `${code},乙,county,monument,区,路,30.5,114.3,,,,,y`,
        `${uniqueCode('E')},,galactic,monument,区,路,abc,114.3,mars,25:00-26:00,,,z`,
      ].join('\r\n');
      const res = await importSites(body);
      expect(res.body.created).toBe(1);
      expect(res.body.ignoredColumns).toEqual(['notes']);
      expect(res.body.failed.map((f: { row: number }) => f.row)).toEqual([2, 3]);
      expect(res.body.failed[0].errors[0].message).toContain('第 1 行');
      const fields = res.body.failed[1].errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'level', 'lat', 'coordSystem', 'openingHours']));
    });

    it('refuses a file without the required columns with 400 and writes nothing', async () => {
      const code = uniqueCode('H');
      const res = await importSites(`code,name\n${code},缺列\n`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('level');
      expect(await api.db.collection('sites').countDocuments({ code })).toBe(0);
    });

    it('answers 413 for a file over 5 MB, 415 for JSON, 403 for a site manager and 401 for nobody', async () => {
      const big = csv(...Array.from({ length: 60_000 }, (_, i) => `BIG-${i},${'很长的名称'.repeat(5)},county,monument,区,${'地址'.repeat(10)},30.5,114.3,,,,`));
      expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
      const tooBig = await importSites(big);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      const json = await api.request('POST', '/admin/import/sites', { token: admin.token, body: { code: 'x' } });
      expect(json.status).toBe(415);
      const manager = await api.staff(['site_manager'], []);
      expect((await importSites(csv(), 'text/csv', manager.token)).status).toBe(403);
      expect((await api.request('POST', '/admin/import/sites', { raw: csv(), headers: { 'content-type': 'text/csv' } })).status).toBe(401);
    });
  });

  describe('POST /admin/import/martyrs', () => {
    const MARTYR_HEADER = 'siteCode,code,name,gender,birthYear,deathYear,hometown,unit,deeds,gravePosition,graveLat,graveLng,coordSystem';
    const importMartyrs = (lines: string[], token = admin.token) =>
      api.request('POST', '/admin/import/martyrs', { token, raw: [MARTYR_HEADER, ...lines].join('\n'), headers: { 'content-type': 'text/csv' } });

    it('creates martyrs by code, counts them on their site, updates and moves them on re-import, and leaves equal rows alone', async () => {
      const a = await adminCreateSite(api, admin.token);
      const b = await adminCreateSite(api, admin.token);
      const m1 = uniqueCode('M');
      const m2 = uniqueCode('M');
      const first = await importMartyrs([`${a.code},${m1},李英,男,1920,1945,湖北黄陂,新四军第五师,,一区一排,30.55,114.33,`, `${a.code},${m2},王芳,女,1925,1947,湖北孝感,,,,,,`]);
      expect(first.body).toMatchObject({ created: 2, updated: 0, failed: [] });
      expect(await api.db.collection('sites').findOne({ code: a.code })).toMatchObject({ martyrCount: 2 });

      const rerun = await importMartyrs([`${a.code},${m1},李英,男,1920,1945,湖北黄陂,新四军第五师,,一区一排,30.55,114.33,`, `${b.code},${m2},王芳,女,1925,1947,湖北孝感,,,,,,`]);

      expect(rerun.body).toMatchObject({ created: 0, updated: 1, unchanged: 1, failed: [] });
      expect(await api.db.collection('martyrs').findOne({ code: m1 })).toMatchObject({ version: 1, gender: 'male', graveLocation: { lat: 30.55, lng: 114.33 } });
      expect(await api.db.collection('martyrs').findOne({ code: m2 })).toMatchObject({ siteId: b.id, version: 2 });
      expect(await api.db.collection('sites').findOne({ code: a.code })).toMatchObject({ martyrCount: 1 });
      expect(await api.db.collection('sites').findOne({ code: b.code })).toMatchObject({ martyrCount: 1 });
    });

    it('lets a site manager import only into their own sites, failing the other rows', async () => {
      const mine = await adminCreateSite(api, admin.token);
      const other = await adminCreateSite(api, admin.token);
      const manager = await api.staff(['site_manager'], [mine.id]);
      const ok = uniqueCode('M');
      const refused = uniqueCode('M');
      const res = await importMartyrs([`${mine.code},${ok},赵一,,,,,,,,,,`, `${other.code},${refused},钱二,,,,,,,,,,`, `NO-SUCH-SITE,${uniqueCode('M')},孙三,,,,,,,,,,`], manager.token);
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(1);
      expect(res.body.failed.map((f: { row: number; errors: Array<{ field: string }> }) => [f.row, f.errors[0]!.field])).toEqual([
        [2, 'siteCode'],
        [3, 'siteCode'],
      ]);
      expect(await api.db.collection('martyrs').countDocuments({ code: refused })).toBe(0);
    });
  });
});
