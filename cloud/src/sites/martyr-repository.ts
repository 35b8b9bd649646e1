import type { Collection, Db, ObjectId } from 'mongodb';
import type { LatLng } from '../contracts/common.js';
import { escapeRegex, toObjectId } from '../db/ids.js';

const MARTYRS = 'martyrs';

export async function ensureMartyrIndexes(db: Db): Promise<void> {
  const martyrs = db.collection(MARTYRS);
  await martyrs.createIndex({ siteId: 1, _id: 1 }, { name: 'martyrs_site' });
  await martyrs.createIndex({ name: 1 }, { name: 'martyrs_name' });
  await martyrs.createIndex({ code: 1 }, { name: 'martyrs_code' });
}

/** A martyr (英名录 entry) belonging to one site. `graveLocation` is GCJ-02. */
export interface Martyr {
  id: string;
  siteId: string;
  /** Registry code used by imports to find the record again (unique where set; see the manager console). */
  code?: string;
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
  /** Optimistic-concurrency version, incremented by every edit (records older than versions read as 1). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewMartyr = Omit<Martyr, 'id' | 'sample' | 'tributeCount' | 'version' | 'createdAt' | 'updatedAt'> & { sample?: boolean };

/** Editable fields of a martyr (`siteId` moves it; the code is fixed). `null` removes an optional field. */
export type MartyrPatch = { [K in Exclude<keyof NewMartyr, 'code' | 'sample'>]?: NewMartyr[K] | null };

interface MartyrDoc extends Omit<Martyr, 'id'> {
  _id: ObjectId;
}

function martyrToDomain(doc: MartyrDoc): Martyr {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), sample: !!doc.sample, tributeCount: doc.tributeCount ?? 0, version: doc.version ?? 1 };
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

  /** Inserts a martyr at version 1; `id` (24 hex) fixes its id, e.g. one reserved with its code beforehand. */
  async insert(input: NewMartyr, now: Date, id?: string): Promise<Martyr> {
    const doc: Omit<MartyrDoc, '_id'> = {
      ...input,
      sample: input.sample ?? false,
      tributeCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const _id = id === undefined ? undefined : toObjectId(id);
    if (id !== undefined && !_id) throw new Error(`invalid martyr id ${id}`);
    const result = await this.martyrs.insertOne((_id ? { ...doc, _id } : doc) as MartyrDoc);
    return martyrToDomain({ ...(doc as MartyrDoc), _id: result.insertedId });
  }

  /** Martyrs with these registry codes (unknown codes are skipped): one query for a batch of import rows. */
  async findByCodes(codes: readonly string[]): Promise<Martyr[]> {
    const wanted = codes.filter((c) => typeof c === 'string');
    if (wanted.length === 0) return [];
    const docs = await this.martyrs.find({ code: { $in: wanted } }).toArray();
    return docs.map(martyrToDomain);
  }

  /** The martyr with this registry code; null when none. */
  async findByCode(code: string): Promise<Martyr | null> {
    if (typeof code !== 'string') return null;
    const doc = await this.martyrs.findOne({ code });
    return doc ? martyrToDomain(doc) : null;
  }

  /**
   * Applies `patch` only if the stored version is still `expectedVersion`, incrementing it. Returns the
   * updated martyr, or null when unknown or stale (call `findById` to tell which).
   */
  async updateIfVersion(id: string, expectedVersion: number, patch: MartyrPatch, now: Date): Promise<Martyr | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const $set: Record<string, unknown> = { updatedAt: now };
    const $unset: Record<string, ''> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) $unset[key] = '';
      else $set[key] = value;
    }
    const unset = Object.keys($unset).length > 0 ? { $unset } : {};
    let doc = await this.martyrs.findOneAndUpdate({ _id, version: expectedVersion }, { $set, $inc: { version: 1 }, ...unset }, { returnDocument: 'after' });
    if (!doc && expectedVersion === 1) {
      // Records written before versions existed have no field and read as version 1.
      doc = await this.martyrs.findOneAndUpdate({ _id, version: { $exists: false } }, { $set: { ...$set, version: 2 }, ...unset }, { returnDocument: 'after' });
    }
    return doc ? martyrToDomain(doc) : null;
  }

  /** Inserts several martyrs in one round trip, in order. */
  async insertMany(inputs: readonly NewMartyr[], now: Date): Promise<Martyr[]> {
    if (inputs.length === 0) return [];
    const docs = inputs.map((input) => ({ ...input, sample: input.sample ?? false, tributeCount: 0, version: 1, createdAt: now, updatedAt: now }) as MartyrDoc);
    const result = await this.martyrs.insertMany(docs, { ordered: true });
    return docs.map((doc, i) => martyrToDomain({ ...doc, _id: result.insertedIds[i]! }));
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
