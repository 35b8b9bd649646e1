/**
 * `npm run reconcile`: recomputes derived counters from the records they count, reports drift and
 * repairs it. Each domain adds one entry to RECONCILERS. Runs against MONGODB_URI, else the local
 * database (DATA_DIR, default ./.data). Options: `--dry-run` (report only), `--quiet-seconds N` (how long
 * a booking slot must have been still before it is repaired; default 60).
 */
import { join, resolve } from 'node:path';
import type { AppServices } from '../cloud/src/app.js';
import { reconcileBookingsJob } from '../cloud/src/bookings/jobs.js';
import { bootstrap } from '../cloud/src/bootstrap.js';
import { closeAll } from '../cloud/src/db/connection.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import { ROOT } from './stack.js';

interface RunOptions {
  dryRun: boolean;
  quietMs: number;
}

interface Reconciler {
  name: string;
  /** Returns one line of summary; a drift left unrepaired counts as a failure in `failed`. */
  run(services: AppServices, options: RunOptions): Promise<{ summary: string; failed: boolean }>;
}

const RECONCILERS: Reconciler[] = [
  {
    name: 'bookings',
    async run(services, options) {
      const r = await reconcileBookingsJob(services.bookings, services.ctx.logger, { dryRun: options.dryRun, quietMs: options.quietMs });
      const details = r.drifted.map((d) => `\n    ${d.slotId}: remaining ${d.remaining}, expected ${d.expectedRemaining} (capacity ${d.capacity}, booked ${d.bookedSeats})`).join('');
      return {
        summary: `${r.checked} slots checked, ${r.drifted.length} drifted, ${r.fixed} repaired, ${r.busy} skipped as busy${details}`,
        failed: !options.dryRun && r.fixed < r.drifted.length,
      };
    },
  },
  {
    name: 'tributes',
    async run(services, options) {
      const r = await services.tributes.reconcile({ fix: !options.dryRun });
      const details = r.drifted.map((d) => `\n    ${d.target.type} ${d.target.id}: stored ${d.stored.total} (document ${d.stored.documentTotal}), counted ${d.actual.total}`).join('');
      return { summary: `${r.checked} counters checked, ${r.drifted.length} drifted${r.fixed ? ', repaired' : ''}${details}`, failed: false };
    },
  },
];

const log = (message: string) => console.log(`[reconcile] ${message}`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quietArg = args.indexOf('--quiet-seconds');
  const options: RunOptions = {
    dryRun: args.includes('--dry-run'),
    quietMs: quietArg >= 0 ? Math.max(0, Number(args[quietArg + 1]) || 0) * 1000 : 60_000,
  };
  const db = await startDatabase({ dataDir: resolve(process.env.DATA_DIR || join(ROOT, '.data')), log });
  let failed = false;
  try {
    const instance = bootstrap({ LOG_LEVEL: 'warn', ...process.env, MONGODB_URI: db.uri });
    await instance.ready();
    for (const reconciler of RECONCILERS) {
      const result = await reconciler.run(instance.services, options);
      log(`${reconciler.name}: ${result.summary}`);
      failed ||= result.failed;
    }
  } finally {
    await closeAll();
    await db.stop();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`[reconcile] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
