import type { Collection, Db, ObjectId } from 'mongodb';
import type { FollowTargetType } from '../contracts/tributes.js';
import { isDuplicateKey } from '../db/connection.js';
import { toObjectId } from '../db/ids.js';

/** A user following a site or a martyr. */
export interface Follow {
  id: string;
  userId: string;
  targetType: FollowTargetType;
  targetId: string;
  /** The site (for a martyr, the martyr's site). */
  siteId: string;
  /** The site's or martyr's name when followed, for the user's list. */
  name: string;
  createdAt: Date;
}

export type NewFollow = Omit<Follow, 'id'>;

interface FollowDoc extends Omit<Follow, 'id'> {
  _id: ObjectId;
}

/** A notice a manager posted on a site (opening changes, ceremonies, replies to the public). */
export interface SiteNotice {
  id: string;
  siteId: string;
  title: string;
  body: string;
  author: { id: string; name: string };
  createdAt: Date;
  /** How many followers were told. */
  notified: number;
}

interface NoticeDoc extends Omit<SiteNotice, 'id'> {
  _id: ObjectId;
}

const FOLLOWS = 'follows';
const NOTICES = 'site_notices';

export async function ensureFollowIndexes(db: Db): Promise<void> {
  const follows = db.collection(FOLLOWS);
  await follows.createIndex({ userId: 1, targetType: 1, targetId: 1 }, { name: 'follows_user_target_unique', unique: true });
  await follows.createIndex({ targetType: 1, targetId: 1, _id: 1 }, { name: 'follows_target' });
  await follows.createIndex({ siteId: 1, _id: 1 }, { name: 'follows_site' });
  await follows.createIndex({ userId: 1, _id: -1 }, { name: 'follows_user' });
  await db.collection(NOTICES).createIndex({ siteId: 1, _id: -1 }, { name: 'site_notices_site' });
}

function followToDomain(doc: FollowDoc): Follow {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
}

function noticeToDomain(doc: NoticeDoc): SiteNotice {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
}

/** Follows (collection `follows`), one per user and target by a unique index. */
export class FollowRepository {
  private readonly c: Collection<FollowDoc>;

  constructor(db: Db) {
    this.c = db.collection<FollowDoc>(FOLLOWS);
  }

  /** Records the follow; false when the user already follows the target. */
  async insert(follow: NewFollow): Promise<boolean> {
    try {
      await this.c.insertOne({ ...follow } as FollowDoc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async remove(userId: string, targetType: FollowTargetType, targetId: string): Promise<boolean> {
    const result = await this.c.deleteOne({ userId, targetType, targetId });
    return result.deletedCount === 1;
  }

  async exists(userId: string, targetType: FollowTargetType, targetId: string): Promise<boolean> {
    return (await this.c.findOne({ userId, targetType, targetId }, { projection: { _id: 1 } })) !== null;
  }

  async countFollowers(targetType: FollowTargetType, targetId: string): Promise<number> {
    return this.c.countDocuments({ targetType, targetId });
  }

  async listByUser(userId: string, limit: number, beforeId?: string): Promise<Follow[]> {
    const filter: Record<string, unknown> = { userId };
    if (beforeId !== undefined) {
      const before = toObjectId(beforeId);
      if (!before) return [];
      filter._id = { $lt: before };
    }
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(followToDomain);
  }

  /** Follows of a site and of its martyrs in id order, a page at a time (for fanning a notice out). */
  async siteFollowsAfter(siteId: string, afterId: string | undefined, limit: number): Promise<Follow[]> {
    const filter: Record<string, unknown> = { siteId };
    const after = afterId ? toObjectId(afterId) : null;
    if (after) filter._id = { $gt: after };
    const docs = await this.c.find(filter).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map(followToDomain);
  }
}

/** Site notices (collection `site_notices`). */
export class NoticeRepository {
  private readonly c: Collection<NoticeDoc>;

  constructor(db: Db) {
    this.c = db.collection<NoticeDoc>(NOTICES);
  }

  async insert(notice: Omit<SiteNotice, 'id'>): Promise<SiteNotice> {
    const result = await this.c.insertOne({ ...notice } as NoticeDoc);
    return { ...notice, id: result.insertedId.toHexString() };
  }

  async setNotified(id: string, notified: number): Promise<void> {
    const _id = toObjectId(id);
    if (_id) await this.c.updateOne({ _id }, { $set: { notified } });
  }

  async listBySite(siteId: string, limit: number, beforeId?: string): Promise<SiteNotice[]> {
    const filter: Record<string, unknown> = { siteId };
    if (beforeId !== undefined) {
      const before = toObjectId(beforeId);
      if (!before) return [];
      filter._id = { $lt: before };
    }
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(noticeToDomain);
  }
}
