import type { Collection, Db } from 'mongodb';
import type { RequestHandler, Request } from 'express';
import { AppError } from '../errors.js';
import { isDuplicateKey } from '../db/connection.js';

/** A fixed-window limit: at most `limit` hits per `windowSeconds` for one key. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
  message?: string;
}

interface CounterDoc {
  _id: string;
  count: number;
  expiresAt: Date;
}

export const RATE_LIMIT_COLLECTION = 'rate_limits';

export async function ensureRateLimitIndexes(db: Db): Promise<void> {
  await db.collection(RATE_LIMIT_COLLECTION).createIndex({ expiresAt: 1 }, { name: 'rate_limits_expiresAt' });
}

/**
 * Counters live in MongoDB so every function instance shares them. Windows expire by timestamp and are
 * swept now and then (no TTL index: DESIGN.md section 3).
 */
export class RateLimiter {
  private readonly counters: Collection<CounterDoc>;
  private hits = 0;

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.counters = db.collection<CounterDoc>(RATE_LIMIT_COLLECTION);
  }

  /** Counts one hit; throws 429 RATE_LIMITED with Retry-After when the key is over its limit. */
  async hit(rule: RateLimitRule, key: string): Promise<void> {
    const nowMs = this.now().getTime();
    const windowMs = rule.windowSeconds * 1000;
    const windowStart = Math.floor(nowMs / windowMs) * windowMs;
    const id = `${rule.name}:${key}:${windowStart}`;
    const expiresAt = new Date(windowStart + windowMs);
    const count = await this.increment(id, expiresAt);
    if (++this.hits % 500 === 0) void this.sweep(new Date(nowMs));
    if (count > rule.limit) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000));
      throw new AppError('RATE_LIMITED', rule.message ?? '操作过于频繁，请稍后再试', {
        retryAfter,
        details: { limit: rule.limit, windowSeconds: rule.windowSeconds },
      });
    }
  }

  private async increment(id: string, expiresAt: Date): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.counters.findOneAndUpdate(
          { _id: id },
          { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
          { upsert: true, returnDocument: 'after' },
        );
        return doc?.count ?? 1;
      } catch (error) {
        // Two first hits racing on a real MongoDB: the loser's upsert collides; retrying increments.
        if (isDuplicateKey(error) && attempt < 2) continue;
        throw error;
      }
    }
  }

  async sweep(now: Date): Promise<number> {
    const result = await this.counters.deleteMany({ expiresAt: { $lt: now } }).catch(() => ({ deletedCount: 0 }));
    return result.deletedCount;
  }
}

/** Express middleware applying a rule to a key taken from the request (user id, client address). */
export function rateLimit(limiter: RateLimiter, rule: RateLimitRule, key: (req: Request) => string): RequestHandler {
  return async (req, _res, next) => {
    await limiter.hit(rule, key(req));
    next();
  };
}

/** The client's address as seen through the configured proxies; 'unknown' when the platform hides it. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
