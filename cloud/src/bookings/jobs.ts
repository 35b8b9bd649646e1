import type { BookingReconcileReport } from '../contracts/bookings.js';
import type { Logger } from 'pino';
import type { BookingService } from './service.js';
import { DEFAULT_QUIET_MS } from './service.js';

export interface BookingReconcileJobOptions {
  /** Report only, repair nothing. */
  dryRun?: boolean;
  /** How long a slot must have been still before it may be repaired (default 60 s). */
  quietMs?: number;
}

/**
 * The scheduled reconciliation of booking slots (and `npm run reconcile`): every slot's remaining seats
 * recomputed from its active bookings, drift repaired and logged. Safe to run at any time and from
 * several instances at once (quiet-period check plus compare-and-set).
 */
export async function reconcileBookingsJob(
  bookings: BookingService,
  logger: Logger,
  options: BookingReconcileJobOptions = {},
): Promise<BookingReconcileReport> {
  const report = await bookings.reconcile({ fix: !options.dryRun, quietMs: options.quietMs ?? DEFAULT_QUIET_MS });
  const summary = { job: 'bookings.reconcile', checked: report.checked, drifted: report.drifted.length, fixed: report.fixed, busy: report.busy };
  if (report.drifted.length > 0) logger.warn({ ...summary, slots: report.drifted.slice(0, 20) }, 'booking slots drifted from their bookings');
  else logger.info(summary, 'booking slots match their bookings');
  return report;
}
