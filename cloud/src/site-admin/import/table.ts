import { parse as parseCsvText, CsvError } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';

/** A spreadsheet as rows of cell texts under a header row (header names trimmed and lower-cased). */
export interface Table {
  header: string[];
  /** Data rows in file order; `rows[0]` is data row 1. */
  rows: string[][];
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type TableFormat = 'csv' | 'xlsx';

/** XLSX files are zip archives: they start with `PK\x03\x04`. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function normaliseHeader(names: string[]): string[] {
  return names.map((n) => n.replace(/^\uFEFF/, '').trim().toLowerCase());
}

/** Parses UTF-8 CSV (a leading BOM is dropped); a malformed file is 400 naming the line. */
export function parseCsv(bytes: Uint8Array): Table {
  let records: string[][];
  try {
    records = parseCsvText(Buffer.from(bytes), {
      bom: true,
      encoding: 'utf8',
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new AppError('VALIDATION_FAILED', `CSV 文件格式不正确${line ? `（第 ${line} 行附近）` : ''}`, {
      details: [{ path: 'file', message: error instanceof Error ? error.message : String(error) }],
      cause: error,
    });
  }
  // A trailing newline leaves one empty record: drop empty records at the end only (row numbers stay).
  while (records.length > 0 && records.at(-1)!.every((c) => c === '')) records.pop();
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { details: [{ path: 'file', message: '没有表头行' }] });
  const [header, ...rows] = records;
  return { header: normaliseHeader(header!), rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'result' in value && value.result !== undefined && value.result !== null) {
    const result = value.result;
    return result instanceof Date ? result.toISOString().slice(0, 10) : String(result).trim();
  }
  return cell.text.trim();
}

/** Reads the first worksheet of an XLSX workbook; a file that is not one is 400. */
export async function parseXlsx(bytes: Uint8Array): Promise<Table> {
  // Loaded on the first XLSX import only: ExcelJS and its zip stack are a third of the function's
  // bundle and would otherwise be evaluated on every cold start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', 'XLSX 文件无法读取，请另存为 .xlsx 或 CSV 后重试', { details: [{ path: 'file', message: '无法解析的 XLSX 文件' }], cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new AppError('VALIDATION_FAILED', '文件是空的', { details: [{ path: 'file', message: '没有表头行' }] });
  const width = sheet.getRow(1).cellCount;
  const read = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) cells.push(cellText(row.getCell(c)));
    return cells;
  };
  const header = normaliseHeader(read(1));
  const rows: string[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) rows.push(read(r));
  while (rows.length > 0 && rows.at(-1)!.every((c) => c === '')) rows.pop();
  return { header, rows };
}

/** Parses an uploaded table by its content: XLSX when it is a zip archive, else UTF-8 CSV. */
export async function parseTable(bytes: Uint8Array): Promise<{ format: TableFormat; table: Table }> {
  if (looksLikeXlsx(bytes)) return { format: 'xlsx', table: await parseXlsx(bytes) };
  return { format: 'csv', table: parseCsv(bytes) };
}

/** Cells of one row keyed by header name; missing cells read as ''. */
export function rowRecord(header: readonly string[], row: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  header.forEach((name, i) => {
    if (name) record[name] = (row[i] ?? '').trim();
  });
  return record;
}
