import type { Collection, Db } from 'mongodb';

/**
 * "Tell me when a seat frees up" for one full slot. `_id` is `<slotId>|<userId>`, so asking twice is one
 * request; `round` counts the times it was (re)armed, so each round notifies once.
 */
interface WatcherDoc {
  _id: string;
  slotId: string;
  userId: string;
  notified: boolean;
  round: number;
  createdAt: Date;
  notifiedAt?: Date;
}

export interface SlotWatcher {
  slotId: string;
  userId: string;
  round: number;
}

const COLLECTION = 'slot_watchers';

export async function ensureWatcherIndexes(db: Db): Promise<void> {
  const c = db.collection(COLLECTION);
  await c.createIndex({ slotId: 1, notified: 1 }, { name: 'slot_watchers_slot' });
  await c.createIndex({ userId: 1, slotId: 1 }, { name: 'slot_watchers_user' });
}

const idOf = (slotId: string, userId: string) => `${slotId}|${userId}`;

export class WatcherRepository {
  private readonly c: Collection<WatcherDoc>;

  constructor(db: Db) {
    this.c = db.collection<WatcherDoc>(COLLECTION);
  }

  /** Arms (or re-arms after a notification) the user's watch on the slot. */
  async watch(slotId: string, userId: string, now: Date): Promise<void> {
    await this.c.updateOne(
      { _id: idOf(slotId, userId) },
      { $set: { slotId, userId, notified: false, createdAt: now }, $inc: { round: 1 } },
      { upsert: true },
    );
  }

  async unwatch(slotId: string, userId: string): Promise<boolean> {
    const result = await this.c.deleteOne({ _id: idOf(slotId, userId) });
    return result.deletedCount === 1;
  }

  /** Watches on the slot that have not been answered yet. */
  async pending(slotId: string, limit = 500): Promise<SlotWatcher[]> {
    const docs = await this.c.find({ slotId, notified: false }).limit(limit).toArray();
    return docs.map((d) => ({ slotId: d.slotId, userId: d.userId, round: d.round }));
  }

  /** Marks one round of a watch as answered; false when another process answered it first. */
  async claim(watcher: SlotWatcher, now: Date): Promise<boolean> {
    const result = await this.c.updateOne(
      { _id: idOf(watcher.slotId, watcher.userId), notified: false, round: watcher.round },
      { $set: { notified: true, notifiedAt: now } },
    );
    return result.matchedCount === 1;
  }

  /** Which of these slots the user is waiting on. */
  async watchedBy(userId: string, slotIds: readonly string[]): Promise<Set<string>> {
    if (slotIds.length === 0) return new Set();
    const docs = await this.c.find({ _id: { $in: slotIds.map((s) => idOf(s, userId)) }, notified: false }, { projection: { slotId: 1 } }).toArray();
    return new Set(docs.map((d) => d.slotId));
  }
}
