import type { Collection, Db, ObjectId } from 'mongodb';
import type { PatrolCondition } from '../contracts/admin.js';
import type { LatLng } from '../contracts/common.js';
import { isDuplicateKey } from '../db/connection.js';
import { toObjectId } from '../db/ids.js';

/** One custody patrol of a site (usually a scattered grave). `location` is GCJ-02. */
export interface PatrolRecord {
  id: string;
  siteId: string;
  martyrId?: string;
  at: Date;
  /** The Asia/Shanghai date of `at` (YYYY-MM-DD), for per-day statistics. */
  day: string;
  by: { id: string; name: string };
  location: LatLng;
  reference: 'grave' | 'plate' | 'site';
  distanceMeters: number;
  flagged: boolean;
  condition: PatrolCondition;
  note?: string;
  photos: string[];
}

interface PatrolDoc extends Omit<PatrolRecord, 'id'> {
  _id: ObjectId;
}

interface LastDoc {
  /** The site id. */
  _id: string;
  at: Date;
  patrolId: string;
}

const PATROLS = 'patrols';
/** The latest patrol time per site, kept beside the patrols because `$max` in `$group` is not portable. */
const LAST = 'patrol_last';

export async function ensurePatrolIndexes(db: Db): Promise<void> {
  const c = db.collection(PATROLS);
  await c.createIndex({ siteId: 1, at: -1, _id: -1 }, { name: 'patrols_site_at' });
  await c.createIndex({ day: 1, siteId: 1 }, { name: 'patrols_day_site' });
}

function toDomain(doc: PatrolDoc): PatrolRecord {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), photos: doc.photos ?? [] };
}

export class PatrolRepository {
  private readonly patrols: Collection<PatrolDoc>;
  private readonly last: Collection<LastDoc>;

  constructor(db: Db) {
    this.patrols = db.collection<PatrolDoc>(PATROLS);
    this.last = db.collection<LastDoc>(LAST);
  }

  /** Inserts a patrol under an id chosen beforehand (its photos are attached to that id). */
  async insert(id: string, record: Omit<PatrolRecord, 'id'>): Promise<PatrolRecord> {
    const _id = toObjectId(id);
    if (!_id) throw new Error(`invalid patrol id ${id}`);
    await this.patrols.insertOne({ ...record, _id });
    await this.recordLast(record.siteId, record.at, id);
    return { ...record, id };
  }

  /** Moves the site's latest-patrol time forward (never back), with single-document conditional writes. */
  private async recordLast(siteId: string, at: Date, patrolId: string): Promise<void> {
    const moved = await this.last.updateOne({ _id: siteId, at: { $lt: at } }, { $set: { at, patrolId } });
    if (moved.matchedCount === 1) return;
    try {
      await this.last.insertOne({ _id: siteId, at, patrolId });
    } catch (error) {
      // The site already has a patrol at least as recent: nothing to record.
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** A site's patrols, newest first; `beforeId` continues after the previous page. */
  async listBySite(siteId: string, beforeId: string | undefined, limit: number): Promise<PatrolRecord[]> {
    const query: Record<string, unknown> = { siteId };
    if (beforeId !== undefined) {
      const before = toObjectId(beforeId);
      if (!before) return [];
      query._id = { $lt: before };
    }
    const docs = await this.patrols.find(query).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  async lastForSite(siteId: string): Promise<PatrolRecord | null> {
    const doc = await this.patrols.find({ siteId }).sort({ at: -1, _id: -1 }).limit(1).next();
    return doc ? toDomain(doc) : null;
  }

  /** The time of the latest patrol of each of the sites that has one. */
  async lastPatrolTimes(siteIds: readonly string[]): Promise<Map<string, Date>> {
    if (siteIds.length === 0) return new Map();
    const rows = await this.last.find({ _id: { $in: [...siteIds] } }).toArray();
    return new Map(rows.map((r) => [r._id, r.at]));
  }

  /** Patrols per day between two dates (inclusive), over the given sites or all when `siteIds` is undefined. */
  async countByDay(from: string, to: string, siteIds: readonly string[] | undefined): Promise<Map<string, number>> {
    const match: Record<string, unknown> = { day: { $gte: from, $lte: to } };
    if (siteIds !== undefined) match.siteId = { $in: [...siteIds] };
    const rows = await this.patrols.aggregate<{ _id: string; n: number }>([{ $match: match }, { $group: { _id: '$day', n: { $sum: 1 } } }]).toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }
}
