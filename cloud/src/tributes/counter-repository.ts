import type { Collection, Db } from 'mongodb';
import type { FollowTargetType, TributeKind, TributeStats } from '../contracts/tributes.js';
import { isDuplicateKey } from '../db/connection.js';
import { emptyStats } from './repository.js';

export interface CounterKey {
  type: FollowTargetType;
  id: string;
}

interface CounterDoc extends TributeStats {
  _id: string;
  type: FollowTargetType;
  targetId: string;
  updatedAt: Date;
}

const COLLECTION = 'tribute_counters';

function docId(key: CounterKey): string {
  return `${key.type}:${key.id}`;
}

function toStats(doc: Partial<TributeStats> | null): TributeStats {
  const stats = emptyStats();
  if (!doc) return stats;
  for (const field of ['flower', 'candle', 'bow', 'message', 'total'] as const) stats[field] = doc[field] ?? 0;
  return stats;
}

/**
 * Published-tribute counters per site and per martyr (collection `tribute_counters`), one document
 * each, changed only by atomic `$inc` so concurrent tributes never lose a count. The tributes
 * themselves stay the truth: reconciliation recounts them and repairs any drift.
 */
export class TributeCounterRepository {
  private readonly c: Collection<CounterDoc>;

  constructor(db: Db) {
    this.c = db.collection<CounterDoc>(COLLECTION);
  }

  /** Adds `n` (may be negative) to one kind and the total; returns the counts after the change. */
  async add(key: CounterKey, kind: TributeKind, n: number, now: Date): Promise<TributeStats> {
    return this.apply(key, { [kind]: n, total: n }, now);
  }

  /** Adds a per-kind difference (reconciliation repairs drift this way, never by overwriting). */
  async addStats(key: CounterKey, delta: TributeStats, now: Date): Promise<TributeStats> {
    return this.apply(key, { ...delta }, now);
  }

  async get(key: CounterKey): Promise<TributeStats> {
    return toStats(await this.c.findOne({ _id: docId(key) }));
  }

  /** Every counter document of one type, keyed by target id (for the full reconciliation). */
  async all(type: FollowTargetType): Promise<Map<string, TributeStats>> {
    const docs = await this.c.find({ type }).toArray();
    return new Map(docs.map((d) => [d.targetId, toStats(d)]));
  }

  private async apply(key: CounterKey, inc: Record<string, number>, now: Date): Promise<TributeStats> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.c.findOneAndUpdate(
          { _id: docId(key) },
          { $inc: inc, $set: { updatedAt: now }, $setOnInsert: { type: key.type, targetId: key.id } },
          { upsert: true, returnDocument: 'after' },
        );
        return toStats(doc);
      } catch (error) {
        // Two first tributes racing on a real MongoDB: the loser's upsert collides; retrying increments.
        if (isDuplicateKey(error) && attempt < 2) continue;
        throw error;
      }
    }
  }
}

export async function ensureTributeCounterIndexes(db: Db): Promise<void> {
  await db.collection(COLLECTION).createIndex({ type: 1, targetId: 1 }, { name: 'tribute_counters_type_target' });
}
