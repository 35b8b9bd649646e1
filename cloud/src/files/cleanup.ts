import type { Logger } from 'pino';
import type { FileReferenceReader } from './references.js';
import type { FileRepository } from './repository.js';
import type { FileStorage } from './storage.js';

export interface UploadSweepOptions {
  /** An upload younger than this is left alone (the person may still be filling in the form). */
  graceMs: number;
  /**
   * How long a claimed upload waits before its references are checked: longer than any request lives
   * (the function's timeout is ~10 s), so a request that saw the file still free has written its record.
   */
  settleMs: number;
  /** At most this many files claimed, and this many deleted, per run. */
  limit: number;
}

export const UPLOAD_SWEEP: UploadSweepOptions = { graceMs: 24 * 3600_000, settleMs: 10 * 60_000, limit: 100 };

export interface UploadSweepReport {
  /** Deleted, bytes and record. */
  deleted: number;
  /** Claimed this run; deleted by a run at least `settleMs` later unless a record names them. */
  claimed: number;
  /** Claimed earlier but named by a record: given back, and never claimed again. */
  kept: number;
  /** Could not be deleted this run (left claimed; the next run tries again). */
  failed: number;
}

/**
 * Deletes uploads that were never attached (a proof or patrol form abandoned after the upload), in two
 * steps so that a file being attached while the job runs is never lost:
 * 1. claim: an unattached upload older than the grace period is marked `expiring` by a conditional
 *    update; from then on every attach refuses it (`assertAttachable` and `attach` want `upload`);
 * 2. a later run (after `settleMs`, when every request that found the file free has finished) checks
 *    that no record names the file (a record written before an attach that failed), then deletes the
 *    bytes and, last, the record, so a failure in between leaves a claimed record to retry, never
 *    bytes without a record. A named file is given back and marked, so it is not claimed again.
 * Safe from several instances at once: claims and deletes are conditional, deleting twice is harmless.
 */
export async function sweepUnattachedUploads(
  deps: { repo: FileRepository; references: FileReferenceReader; storage: FileStorage; now: Date; logger: Logger },
  options: UploadSweepOptions = UPLOAD_SWEEP,
): Promise<UploadSweepReport> {
  const report: UploadSweepReport = { deleted: 0, claimed: 0, kept: 0, failed: 0 };
  const { repo, storage, now, logger } = deps;
  const deleteBytes = storage.delete?.bind(storage);
  if (!deleteBytes) return report;

  const due = await repo.listExpiring(new Date(now.getTime() - options.settleMs), options.limit);
  const named = await deps.references.referenced(due);
  for (const id of due) {
    if (named.has(id)) {
      await repo.releaseExpiring(id, now);
      report.kept += 1;
      continue;
    }
    try {
      await deleteBytes(id);
      if (await repo.deleteExpiring(id)) report.deleted += 1;
    } catch (error) {
      report.failed += 1;
      logger.warn({ fileId: id, err: error }, 'unattached upload not deleted; next run retries');
    }
  }

  for (const id of await repo.listUnattached(new Date(now.getTime() - options.graceMs), options.limit)) {
    if (await repo.claimForExpiry(id, now)) report.claimed += 1;
  }
  return report;
}
