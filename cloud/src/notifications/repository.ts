import type { Collection, Db, ObjectId } from 'mongodb';
import { toObjectId } from '../db/ids.js';
import { isDuplicateKey } from '../db/connection.js';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface Notification {
  id: string;
  userId: string;
  template: string;
  title: string;
  body: string;
  /** Mini-program page to open, e.g. `pages/site/index?id=…`. */
  page?: string;
  data: Record<string, string | number>;
  createdAt: Date;
  readAt?: Date;
  delivery: { status: DeliveryStatus; attempts: number; lastError?: string; sentAt?: Date };
}

export type NewNotification = Omit<Notification, 'id' | 'delivery' | 'readAt'> & { dedupeKey: string };

interface NotificationDoc extends Omit<Notification, 'id'> {
  _id: ObjectId;
  dedupeKey: string;
}

const COLLECTION = 'notifications';

export async function ensureNotificationIndexes(db: Db): Promise<void> {
  const c = db.collection(COLLECTION);
  await c.createIndex({ dedupeKey: 1 }, { name: 'notifications_dedupe_unique', unique: true });
  await c.createIndex({ userId: 1, _id: -1 }, { name: 'notifications_user' });
  await c.createIndex({ 'delivery.status': 1, _id: 1 }, { name: 'notifications_delivery' });
}

function toDomain(doc: NotificationDoc): Notification {
  const { _id, dedupeKey: _dedupe, ...rest } = doc;
  return { id: _id.toHexString(), ...rest };
}

export class NotificationRepository {
  private readonly c: Collection<NotificationDoc>;

  constructor(db: Db) {
    this.c = db.collection<NotificationDoc>(COLLECTION);
  }

  /** Inserts once per dedupe key; false when that notification already exists. */
  async insert(n: NewNotification): Promise<boolean> {
    try {
      await this.c.insertOne({ ...n, delivery: { status: 'pending', attempts: 0 } } as NotificationDoc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async listForUser(userId: string, limit: number, beforeId?: string): Promise<Notification[]> {
    const filter: Record<string, unknown> = { userId };
    const before = beforeId ? toObjectId(beforeId) : null;
    if (before) filter._id = { $lt: before };
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  async markRead(id: string, userId: string, at: Date): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.c.updateOne({ _id, userId }, { $set: { readAt: at } });
    return result.matchedCount === 1;
  }

  /** Claims one pending notification for delivery (atomic per document), or null when none is left. */
  async claimPending(): Promise<Notification | null> {
    const doc = await this.c.findOneAndUpdate(
      { 'delivery.status': 'pending' },
      { $set: { 'delivery.status': 'sending' }, $inc: { 'delivery.attempts': 1 } },
      { sort: { _id: 1 }, returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }

  async finish(id: string, status: DeliveryStatus, at: Date, lastError?: string): Promise<void> {
    const _id = toObjectId(id);
    if (!_id) return;
    const set: Record<string, unknown> = { 'delivery.status': status };
    if (status === 'sent') set['delivery.sentAt'] = at;
    if (lastError !== undefined) set['delivery.lastError'] = lastError.slice(0, 300);
    await this.c.updateOne({ _id }, { $set: set });
  }

  /** Puts notifications stuck in `sending` (a crashed sender) back in the queue. */
  async requeueStuck(): Promise<number> {
    const result = await this.c.updateMany({ 'delivery.status': 'sending' }, { $set: { 'delivery.status': 'pending' } });
    return result.modifiedCount;
  }
}
