import type { Collection, Db, ObjectId } from 'mongodb';
import type { LatLng } from '../contracts/common.js';
import { escapeRegex, toObjectId } from '../db/ids.js';

const MARTYRS = 'martyrs';

export async function ensureMartyrIndexes(db: Db): Promise<void> {
  const martyrs = db.collection(MARTYRS);
  await martyrs.createIndex({ siteId: 1, _id: 1 }, { name: 'martyrs_site' });
  await martyrs.createIndex({ name: 1 }, { name: 'martyrs_name' });
}

/** A martyr (英名录 entry) belonging to one site. `graveLocation` is GCJ-02. */
export interface Martyr {
  id: string;
  siteId: string;
  name: string;
  gender?: 'male' | 'female';
  birthYear?: number;
  deathYear?: number;
  hometown?: string;
  unit?: string;
  deeds?: string;
  /** Where the grave is inside the site, as text (区、排、号). */
  gravePosition?: string;
  graveLocation?: LatLng;
  sample: boolean;
  tributeCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewMartyr = Omit<Martyr, 'id' | 'sample' | 'tributeCount' | 'createdAt' | 'updatedAt'> & { sample?: boolean };

interface MartyrDoc extends Omit<Martyr, 'id'> {
  _id: ObjectId;
}

function martyrToDomain(doc: MartyrDoc): Martyr {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), sample: !!doc.sample, tributeCount: doc.tributeCount ?? 0 };
}

/** Martyrs (collection `martyrs`), paged by id order (insertion order) with an `afterId` cursor. */
export class MartyrRepository {
  private readonly martyrs: Collection<MartyrDoc>;

  constructor(db: Db) {
    this.martyrs = db.collection<MartyrDoc>(MARTYRS);
  }

  /** The martyr with this id; null when unknown or when `id` is not a valid id. */
  async findById(id: string): Promise<Martyr | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.martyrs.findOne({ _id });
    return doc ? martyrToDomain(doc) : null;
  }

  async insert(input: NewMartyr, now: Date): Promise<Martyr> {
    const doc: Omit<MartyrDoc, '_id'> = {
      ...input,
      sample: input.sample ?? false,
      tributeCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    const result = await this.martyrs.insertOne(doc as MartyrDoc);
    return martyrToDomain({ ...(doc as MartyrDoc), _id: result.insertedId });
  }

  /** Martyrs of one site, optionally matching `q` in name or hometown. */
  async listBySite(siteId: string, q: string | undefined, afterId: string | undefined, limit: number): Promise<Martyr[]> {
    return this.page({ siteId }, q, afterId, limit);
  }

  /** Martyrs of the given sites (the published ones, chosen by the caller) matching `q` in name or hometown. */
  async search(q: string | undefined, siteIds: readonly string[], afterId: string | undefined, limit: number): Promise<Martyr[]> {
    if (siteIds.length === 0) return [];
    return this.page({ siteId: { $in: [...siteIds] } }, q, afterId, limit);
  }

  async countBySite(siteId: string): Promise<number> {
    return this.martyrs.countDocuments({ siteId });
  }

  /** Atomically adds `n` to the martyr's `tributeCount` (the tributes domain); false when unknown. */
  async incrementTributeCount(id: string, n = 1): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.martyrs.updateOne({ _id }, { $inc: { tributeCount: n } });
    return result.matchedCount === 1;
  }

  /** Sets `tributeCount` to a recomputed value (reconciliation); false when unknown. */
  async setTributeCount(id: string, value: number): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.martyrs.updateOne({ _id }, { $set: { tributeCount: value } });
    return result.matchedCount === 1;
  }

  private async page(base: Record<string, unknown>, q: string | undefined, afterId: string | undefined, limit: number): Promise<Martyr[]> {
    const query: Record<string, unknown> = { ...base };
    if (q) {
      const pattern = { $regex: escapeRegex(q), $options: 'i' };
      query.$or = [{ name: pattern }, { hometown: pattern }];
    }
    if (afterId !== undefined) {
      const after = toObjectId(afterId);
      if (!after) return [];
      query._id = { $gt: after };
    }
    const docs = await this.martyrs.find(query).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map(martyrToDomain);
  }
}
