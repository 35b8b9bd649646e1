import type { ImportFailure, ImportReport } from '../../contracts/admin.js';
import { AppError, forbidden } from '../../errors.js';
import { canActOnSite, hasRole, MANAGER_ROLES } from '../../http/auth.js';
import type { Caller } from '../../http/context.js';
import type { Site } from '../../sites/repository.js';
import type { MartyrRepository } from '../../sites/martyr-repository.js';
import type { SiteService } from '../../sites/service.js';
import type { SiteAdminService, UpsertOutcome } from '../service.js';
import {
  MARTYR_COLUMNS,
  MARTYR_REQUIRED_COLUMNS,
  SITE_COLUMNS,
  SITE_EXTRA_COLUMNS,
  SITE_REQUIRED_COLUMNS,
  martyrFromRow,
  missingColumns,
  siteFromRow,
  unknownColumns,
  type CellError,
  type RowResult,
} from './rows.js';
import { rowRecord, type Table } from './table.js';

const PREFETCH_BATCH = 1000;

/** Called after each data row with the rows done so far and the total (for the command-line importer). */
export type ProgressFn = (done: number, total: number) => void;

function assertColumns(table: Table, required: readonly string[]): void {
  const missing = missingColumns(table.header, required);
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `表头缺少必填列：${missing.join('、')}`, {
      details: missing.map((name) => ({ path: `header.${name}`, message: '缺少此列' })),
    });
  }
}

/** An AppError raised while writing one row becomes that row's failure; anything else stops the import. */
function rowError(error: unknown): CellError[] {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  const details = Array.isArray(error.details) ? (error.details as Array<{ path?: unknown; message?: unknown }>) : [];
  const fromDetails = details
    .filter((d) => typeof d.message === 'string')
    .map((d) => ({ field: typeof d.path === 'string' ? d.path : '(row)', message: d.message as string }));
  return fromDetails.length > 0 ? fromDetails : [{ field: '(row)', message: error.message }];
}

interface Tally {
  report: ImportReport;
  add(outcome: UpsertOutcome): void;
  fail(failure: ImportFailure): void;
}

function tally(ignoredColumns: string[]): Tally {
  const report: ImportReport = { total: 0, created: 0, updated: 0, unchanged: 0, failed: [], ignoredColumns };
  return {
    report,
    add(outcome) {
      report.total++;
      report[outcome]++;
    },
    fail(failure) {
      report.total++;
      report.failed.push(failure);
    },
  };
}

/**
 * Row-by-row import of sites and martyrs, upserting by code: each row is validated and written on its
 * own, so valid rows are kept when others fail, and a row equal to the stored record writes nothing
 * (re-running a file changes nothing). Blank rows are skipped; row numbers count data rows from 1.
 */
export class ImportService {
  constructor(
    private readonly admin: SiteAdminService,
    private readonly sites: SiteService,
    private readonly martyrs: MartyrRepository,
  ) {}

  /** Sites (admins only). */
  async importSites(caller: Caller, table: Table, onProgress?: ProgressFn): Promise<ImportReport> {
    if (!hasRole(caller, ['admin'])) throw forbidden('仅管理员可导入纪念设施');
    assertColumns(table, SITE_REQUIRED_COLUMNS);
    const t = tally(unknownColumns(table.header, [...SITE_COLUMNS, ...SITE_EXTRA_COLUMNS]));
    const known = await this.prefetch(table, (codes) => this.sites.repository.findByCodes(codes));
    await this.eachRow(table, onProgress, siteFromRow, async (row, value, seen) => {
      const first = seen.get(value.code);
      if (first !== undefined) return t.fail({ row, code: value.code, errors: [{ field: 'code', message: `编号与第 ${first} 行重复` }] });
      seen.set(value.code, row);
      try {
        t.add((await this.admin.upsertSite(caller, value, known.get(value.code) ?? null)).outcome);
      } catch (error) {
        t.fail({ row, code: value.code, errors: rowError(error) });
      }
    }, t);
    return t.report;
  }

  /** Martyrs (admins; site managers for rows of their own sites). */
  async importMartyrs(caller: Caller, table: Table, onProgress?: ProgressFn): Promise<ImportReport> {
    if (!hasRole(caller, MANAGER_ROLES)) throw forbidden('无权导入烈士名录');
    assertColumns(table, MARTYR_REQUIRED_COLUMNS);
    const t = tally(unknownColumns(table.header, MARTYR_COLUMNS));
    const siteByCode = new Map<string, Site | null>();
    const known = await this.prefetch(table, (codes) => this.martyrs.findByCodes(codes));
    await this.eachRow(table, onProgress, martyrFromRow, async (row, { siteCode, martyr }, seen) => {
      const first = seen.get(martyr.code);
      if (first !== undefined) return t.fail({ row, code: martyr.code, errors: [{ field: 'code', message: `编号与第 ${first} 行重复` }] });
      seen.set(martyr.code, row);
      if (!siteByCode.has(siteCode)) siteByCode.set(siteCode, await this.sites.repository.findByCode(siteCode));
      const site = siteByCode.get(siteCode);
      if (!site) return t.fail({ row, code: martyr.code, errors: [{ field: 'siteCode', message: `纪念设施 ${siteCode} 不存在` }] });
      if (!canActOnSite(caller, site.id, MANAGER_ROLES)) {
        return t.fail({ row, code: martyr.code, errors: [{ field: 'siteCode', message: `无权管理纪念设施 ${siteCode}` }] });
      }
      try {
        t.add((await this.admin.upsertMartyr(caller, site.id, martyr, known.get(martyr.code) ?? null)).outcome);
      } catch (error) {
        t.fail({ row, code: martyr.code, errors: rowError(error) });
      }
    }, t);
    return t.report;
  }

  /**
   * The stored records for the file's codes, read in batches before the rows are written: one query
   * per batch instead of one per row (FerretDB answers a non-`_id` lookup by scanning the collection).
   */
  private async prefetch<R extends { code?: string }>(table: Table, find: (codes: string[]) => Promise<R[]>): Promise<Map<string, R>> {
    const at = table.header.indexOf('code');
    const codes = [...new Set(table.rows.map((r) => (r[at] ?? '').trim()).filter(Boolean))];
    const found = new Map<string, R>();
    for (let i = 0; i < codes.length; i += PREFETCH_BATCH) {
      for (const record of await find(codes.slice(i, i + PREFETCH_BATCH))) if (record.code) found.set(record.code, record);
    }
    return found;
  }

  private async eachRow<T>(
    table: Table,
    onProgress: ProgressFn | undefined,
    convert: (record: Record<string, string>) => RowResult<T>,
    write: (row: number, value: T, seen: Map<string, number>) => Promise<void>,
    t: Tally,
  ): Promise<void> {
    const seen = new Map<string, number>();
    const total = table.rows.length;
    for (let i = 0; i < total; i++) {
      const cells = table.rows[i]!;
      const row = i + 1;
      if (cells.every((c) => c.trim() === '')) {
        onProgress?.(row, total);
        continue;
      }
      const converted = convert(rowRecord(table.header, cells));
      if (converted.ok) await write(row, converted.value, seen);
      else t.fail({ row, ...codeOf(table.header, cells), errors: converted.errors });
      onProgress?.(row, total);
    }
  }
}

function codeOf(header: readonly string[], cells: readonly string[]): { code?: string } {
  const code = rowRecord(header, cells).code;
  return code ? { code } : {};
}
