import type { Db } from 'mongodb';
import { ensureAccountIndexes } from '../accounts/repository.js';
import { ensureRateLimitIndexes } from '../shared/rate-limit.js';
import { ensureAuditIndexes } from '../audit/repository.js';
import { ensureNotificationIndexes } from '../notifications/repository.js';
import { ensureSiteIndexes } from '../sites/repository.js';
import { ensureFileRecordIndexes } from '../files/repository.js';
import { ensureGridFsIndexes } from '../files/storage.js';
import { ensurePatrolIndexes } from '../patrols/repository.js';
import { ensureProxySweepIndexes } from '../proxy-sweeps/repository.js';
import { ensureTributeIndexes } from '../tributes/repository.js';
import { ensureTributeCounterIndexes } from '../tributes/counter-repository.js';
import { ensureFollowIndexes } from '../follows/repository.js';
import { ensureBookingIndexes } from '../bookings/repository.js';
import { ensureSlotIndexes } from '../bookings/slot-repository.js';
import { ensureWatcherIndexes } from '../bookings/watcher-repository.js';

/**
 * Every named index of every collection, created idempotently at instance start-up. Each domain owns
 * its index list next to its repository and is listed here once.
 */
const ALL: Array<(db: Db) => Promise<void>> = [
  ensureAccountIndexes,
  ensureRateLimitIndexes,
  ensureAuditIndexes,
  ensureNotificationIndexes,
  ensureSiteIndexes,
  ensureFileRecordIndexes,
  ensureGridFsIndexes,
  ensurePatrolIndexes,
  ensureProxySweepIndexes,
  ensureTributeIndexes,
  ensureTributeCounterIndexes,
  ensureFollowIndexes,
  ensureBookingIndexes,
  ensureSlotIndexes,
  ensureWatcherIndexes,
];

export async function ensureIndexes(db: Db): Promise<void> {
  for (const ensure of ALL) await ensure(db);
}
