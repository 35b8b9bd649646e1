import { Router, type Request } from 'express';
import { AppError } from '../../errors.js';
import { assertCaller, requireRole, MANAGER_ROLES } from '../../http/auth.js';
import { readRawBody } from './read-body.js';
import type { ImportService } from './service.js';
import { MAX_IMPORT_BYTES, parseTable, type Table } from './table.js';

/** Rows one HTTP import may carry; larger files go through `npm run import` (no request time limit there). */
export const MAX_IMPORT_ROWS = 5000;

const ACCEPTED = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];

async function readTable(req: Request): Promise<Table> {
  if (!req.is(ACCEPTED)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请上传 CSV（text/csv，UTF-8）或 XLSX 文件');
  }
  const bytes = await readRawBody(req, MAX_IMPORT_BYTES);
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { details: [{ path: 'file', message: '请求体为空' }] });
  const { table } = await parseTable(bytes);
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件或使用命令行导入`, { details: { rows: table.rows.length, maxRows: MAX_IMPORT_ROWS } });
  }
  return table;
}

/** POST /admin/import/sites (admins) and /admin/import/martyrs (admins, managers for their sites). */
export function importRouter(imports: ImportService): Router {
  const router = Router();
  const managers = requireRole(...MANAGER_ROLES);

  router.post('/admin/import/sites', requireRole('admin'), async (req, res) => {
    const caller = assertCaller(req);
    res.json(await imports.importSites(caller, await readTable(req)));
  });

  router.post('/admin/import/martyrs', managers, async (req, res) => {
    const caller = assertCaller(req);
    res.json(await imports.importMartyrs(caller, await readTable(req)));
  });

  return router;
}
