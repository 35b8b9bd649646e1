import type { Logger } from 'pino';
import type { AppServices } from '../app.js';
import { reconcileBookingsJob } from '../bookings/jobs.js';
import { WechatSubscribeSender, type NotificationSender } from '../notifications/wechat-sender.js';

/** What one run of the scheduled jobs did, one entry per job. */
export type JobReport = Record<string, unknown>;

export interface ScheduledJob {
  name: string;
  /** How often the local scheduler runs it (the cloud timer trigger runs all of them each time). */
  everyMs: number;
  run(services: AppServices, logger: Logger): Promise<JobReport>;
}

/** The production sender: WeChat subscribe messages with the deployment's templates. */
export function notificationSender(services: AppServices): NotificationSender {
  const { config, fetch, now } = services.ctx;
  return new WechatSubscribeSender({ ...config.wechat, fetch, now });
}

/**
 * The periodic work of the product: push queued notifications, recompute derived counters from their
 * records (DESIGN.md section 3: no transactions, so drift is found and repaired here), delete uploads
 * never attached, and drop expired rate-limit windows (no TTL indexes). Every job is safe to run from several instances at once.
 */
export const SCHEDULED_JOBS: ScheduledJob[] = [
  {
    name: 'notifications.deliver',
    everyMs: 15_000,
    async run(services, logger) {
      const requeued = await services.notifications.requeueStuck();
      const counts = await services.notifications.deliverPending(notificationSender(services), logger);
      return { requeued, ...counts };
    },
  },
  {
    name: 'bookings.reconcile',
    everyMs: 10 * 60_000,
    async run(services, logger) {
      const r = await reconcileBookingsJob(services.bookings, logger);
      return { checked: r.checked, drifted: r.drifted.length, fixed: r.fixed, busy: r.busy };
    },
  },
  {
    name: 'tributes.reconcile',
    everyMs: 10 * 60_000,
    async run(services, logger) {
      const r = await services.tributes.reconcile({ fix: true });
      if (r.drifted.length > 0) logger.warn({ job: 'tributes.reconcile', drifted: r.drifted.slice(0, 20) }, 'tribute counters drifted');
      return { checked: r.checked, drifted: r.drifted.length, fixed: r.fixed };
    },
  },
  {
    name: 'rate-limits.sweep',
    everyMs: 5 * 60_000,
    async run(services) {
      return { deleted: await services.limiter.sweep(services.ctx.now()) };
    },
  },
  {
    name: 'uploads.sweep',
    everyMs: 10 * 60_000,
    async run(services) {
      return { ...(await services.files.sweepUnattached()) };
    },
  },
];

/** Runs the given jobs one after another; one failing job does not stop the others. */
export async function runJobs(services: AppServices, logger: Logger, jobs: readonly ScheduledJob[] = SCHEDULED_JOBS): Promise<Record<string, JobReport>> {
  const reports: Record<string, JobReport> = {};
  for (const job of jobs) {
    try {
      reports[job.name] = await job.run(services, logger);
    } catch (error) {
      logger.error({ job: job.name, err: error }, 'scheduled job failed');
      reports[job.name] = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  return reports;
}

/** The local stand-in for cloud timer triggers: each job on its own interval; returns a stop function. */
export function startScheduler(services: AppServices, logger: Logger, jobs: readonly ScheduledJob[] = SCHEDULED_JOBS): () => void {
  const running = new Set<string>();
  const timers = jobs.map((job) =>
    setInterval(() => {
      if (running.has(job.name)) return;
      running.add(job.name);
      void runJobs(services, logger, [job]).finally(() => running.delete(job.name));
    }, job.everyMs),
  );
  for (const t of timers) t.unref();
  return () => timers.forEach(clearInterval);
}
