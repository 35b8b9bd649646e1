import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { AccountRepository } from '../accounts/repository.js';
import { NotificationRepository, type Notification } from './repository.js';
import type { NotificationSender } from './wechat-sender.js';

export type { Notification };

export interface NotifyInput {
  userId: string;
  /** Template name, e.g. `tribute_approved`, `seat_available`, `proxy_sweep_completed`. */
  template: string;
  title: string;
  body: string;
  page?: string;
  data?: Record<string, string | number>;
  /** The same key twice sends once (e.g. `sweep:<id>:completed`). */
  dedupeKey?: string;
}

const MAX_ATTEMPTS = 5;

/**
 * The notification outbox: domains write a notification in the same step as the change that causes it;
 * a delivery job sends what is pending (WeChat subscribe messages in production). Users also read their
 * notifications in the app, so nothing depends on the push getting through.
 */
export class NotificationService {
  private readonly repo: NotificationRepository;
  private readonly accounts: AccountRepository;

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.repo = new NotificationRepository(db);
    this.accounts = new AccountRepository(db);
  }

  /** Queues a notification; true when new, false when its dedupe key was already used. */
  notify(input: NotifyInput): Promise<boolean> {
    return this.repo.insert({
      userId: input.userId,
      template: input.template,
      title: input.title,
      body: input.body,
      page: input.page,
      data: input.data ?? {},
      createdAt: this.now(),
      dedupeKey: input.dedupeKey ?? randomUUID(),
    });
  }

  listForUser(userId: string, limit = 30, beforeId?: string): Promise<Notification[]> {
    return this.repo.listForUser(userId, Math.min(Math.max(limit, 1), 100), beforeId);
  }

  markRead(id: string, userId: string): Promise<boolean> {
    return this.repo.markRead(id, userId, this.now());
  }

  /** Puts back in the queue what a crashed sender left half-sent. */
  requeueStuck(): Promise<number> {
    return this.repo.requeueStuck();
  }

  /** Sends up to `max` pending notifications; returns how many ended in each state. */
  async deliverPending(sender: NotificationSender, logger: Logger, max = 100): Promise<Record<string, number>> {
    const counts: Record<string, number> = { sent: 0, skipped: 0, retry: 0, failed: 0 };
    for (let i = 0; i < max; i++) {
      const n = await this.repo.claimPending();
      if (!n) break;
      try {
        const citizen = await this.accounts.findCitizenById(n.userId);
        const outcome = await sender.send(n, citizen?.openid ?? null);
        await this.repo.finish(n.id, outcome, this.now());
        counts[outcome]!++;
      } catch (error) {
        const final = n.delivery.attempts >= MAX_ATTEMPTS;
        await this.repo.finish(n.id, final ? 'failed' : 'pending', this.now(), String(error));
        counts[final ? 'failed' : 'retry']!++;
        logger.warn({ notificationId: n.id, attempts: n.delivery.attempts, err: error }, 'notification delivery failed');
        if (!final) break; // the service is failing now; try the rest on the next run
      }
    }
    return counts;
  }
}
