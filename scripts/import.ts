/**
 * `npm run import -- sites FILE` / `npm run import -- martyrs FILE` [--as USERNAME]: imports a CSV
 * (UTF-8) or XLSX file into the configured database with the same import service as
 * POST /admin/import/*, printing progress and the row-by-row report. No size or row limit here.
 *
 * Database: MONGODB_URI when set (e.g. the running stack's), else the local one in DATA_DIR (./.data).
 * The audit log records the rows as written by USERNAME (an enabled admin or site manager) or, without
 * --as, by `cli:<login name>` acting as an admin.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { bootstrap } from '../cloud/src/bootstrap.js';
import { closeAll } from '../cloud/src/db/connection.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import type { Caller } from '../cloud/src/http/context.js';
import { parseTable } from '../cloud/src/site-admin/import/table.js';
import { ROOT } from './stack.js';

const USAGE = 'usage: npm run import -- sites|martyrs FILE [--as USERNAME]';

function parseArgs(argv: string[]): { kind: 'sites' | 'martyrs'; file: string; as?: string } {
  const args = [...argv];
  let as: string | undefined;
  const asAt = args.indexOf('--as');
  if (asAt >= 0) {
    as = args[asAt + 1];
    if (!as) throw new Error(USAGE);
    args.splice(asAt, 2);
  }
  const [kind, file] = args;
  if ((kind !== 'sites' && kind !== 'martyrs') || !file) throw new Error(USAGE);
  return { kind, file, as };
}

function progressPrinter(total: number): (done: number) => void {
  const started = performance.now();
  const tty = process.stdout.isTTY;
  let lastPrinted = -1;
  return (done) => {
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === lastPrinted && done !== total) return;
    lastPrinted = percent;
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `[import] ${done}/${total} rows (${percent}%, ${rate} rows/s)`;
    if (tty) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (percent % 10 === 0 || done === total) console.log(line);
  };
}

async function main(): Promise<void> {
  const { kind, file, as } = parseArgs(process.argv.slice(2));
  const bytes = readFileSync(resolve(file));
  const { format, table } = await parseTable(bytes);
  console.log(`[import] ${kind} from ${file} (${format}, ${table.rows.length} data rows)`);

  const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
  const db = await startDatabase({ dataDir, log: (m) => console.log(`[import] ${m}`) });
  try {
    const instance = bootstrap({ ...process.env, MONGODB_URI: db.uri });
    await instance.ready();
    const { services } = instance;
    let caller: Caller;
    if (as) {
      const account = await services.staffAdmin.getByUsername(as);
      if (account.disabled) throw new Error(`account ${as} is disabled`);
      caller = { id: account.id, kind: 'staff', roles: account.roles, siteIds: account.siteIds, username: account.username };
    } else {
      caller = { id: 'system:cli', kind: 'staff', roles: ['admin'], siteIds: [], username: `cli:${userInfo().username}` };
    }
    const progress = progressPrinter(table.rows.length);
    const report =
      kind === 'sites'
        ? await services.imports.importSites(caller, table, (done) => progress(done))
        : await services.imports.importMartyrs(caller, table, (done) => progress(done));
    console.log(`[import] total ${report.total}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, failed ${report.failed.length}`);
    if (report.ignoredColumns.length > 0) console.log(`[import] ignored columns: ${report.ignoredColumns.join(', ')}`);
    for (const failure of report.failed) {
      const errors = failure.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      console.log(`[import]   row ${failure.row}${failure.code ? ` (${failure.code})` : ''}: ${errors}`);
    }
    if (report.failed.length > 0) process.exitCode = 2;
  } finally {
    await closeAll();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[import] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
