import { ObjectId, type Collection, type Db } from 'mongodb';
import type { TributeKind, TributeStats, TributeStatus } from '../contracts/tributes.js';
import { isDuplicateKey } from '../db/connection.js';
import { toObjectId } from '../db/ids.js';
import { idemKeyOf } from '../shared/idempotency.js';
import type { ModerationReason } from './moderation.js';

/** One tribute (献花, 点烛, 鞠躬 or 寄语) to a site or to one of its martyrs. */
export interface Tribute {
  id: string;
  userId: string;
  kind: TributeKind;
  /** The site, also for a tribute to a martyr (it counts for the martyr's site too). */
  siteId: string;
  siteName: string;
  martyrId?: string;
  martyrName?: string;
  message?: string;
  status: TributeStatus;
  moderation: { reasons: ModerationReason[]; suggest?: string; label?: number };
  createdAt: Date;
  publishedAt?: Date;
  review?: { by: { id: string; name: string }; at: Date; reason?: string };
  /** Keyed hash of the request, compared when its Idempotency-Key is sent again (shared/idempotency.ts). */
  fingerprint?: string;
}

export type NewTribute = Omit<Tribute, 'id'>;

/**
 * `idemKey` is unique: `<caller>|<Idempotency-Key>` when the client sent a key, else `none|<id>`, a
 * value no key can take, so every document has a distinct value and no partial index is needed.
 */
interface TributeDoc extends Omit<Tribute, 'id'> {
  _id: ObjectId;
  idemKey: string;
}

const IDEM_INDEX = 'tributes_idem_unique';

function unkeyed(id: ObjectId): string {
  return `none|${id.toHexString()}`;
}

/** Which tributes a list or a count is about: a whole site (its martyrs included) or one martyr. */
export type TributeScope = { siteId: string } | { martyrId: string };

export interface ReviewQuery {
  status: TributeStatus;
  /** Restrict to these sites (a site manager); undefined for every site (an admin). */
  siteIds?: readonly string[];
}

export interface ReviewDecision {
  by: { id: string; name: string };
  at: Date;
  reason?: string;
}

const COLLECTION = 'tributes';

export async function ensureTributeIndexes(db: Db): Promise<void> {
  const c = db.collection(COLLECTION);
  // Walls: published tributes of a site / a martyr, newest first (optionally one kind).
  await c.createIndex({ siteId: 1, status: 1, _id: -1 }, { name: 'tributes_site_status' });
  await c.createIndex({ martyrId: 1, status: 1, _id: -1 }, { name: 'tributes_martyr_status' });
  await c.createIndex({ siteId: 1, status: 1, kind: 1, _id: -1 }, { name: 'tributes_site_status_kind' });
  // "My tributes" and the review queue.
  await c.createIndex({ userId: 1, _id: -1 }, { name: 'tributes_user' });
  await c.createIndex({ status: 1, _id: -1 }, { name: 'tributes_status' });
  // Idempotency-Key replays. Tributes stored before keys existed get their `none|<id>` first, once:
  // the unique index could not be built over several documents without the field.
  const existing = await c.listIndexes().toArray().catch(() => []);
  if (!existing.some((index) => index.name === IDEM_INDEX)) await backfillIdemKeys(db.collection<TributeDoc>(COLLECTION));
  await c.createIndex({ idemKey: 1 }, { name: IDEM_INDEX, unique: true });
}

async function backfillIdemKeys(c: Collection<TributeDoc>): Promise<void> {
  for (;;) {
    const docs = await c.find({ idemKey: { $exists: false } }, { projection: { _id: 1 } }).limit(500).toArray();
    if (docs.length === 0) return;
    await c.bulkWrite(
      docs.map((d) => ({ updateOne: { filter: { _id: d._id, idemKey: { $exists: false } }, update: { $set: { idemKey: unkeyed(d._id) } } } })),
      { ordered: false },
    );
  }
}

function toDomain(doc: TributeDoc): Tribute {
  const { _id, idemKey: _idem, ...rest } = doc;
  return { ...rest, id: _id.toHexString() };
}

function scopeFilter(scope: TributeScope): Record<string, string> {
  return 'martyrId' in scope ? { martyrId: scope.martyrId } : { siteId: scope.siteId };
}

/** Newest first, continuing below `beforeId`; an unparseable cursor yields an empty page. */
function withCursor(filter: Record<string, unknown>, beforeId: string | undefined): Record<string, unknown> | null {
  if (beforeId === undefined) return filter;
  const before = toObjectId(beforeId);
  return before ? { ...filter, _id: { $lt: before } } : null;
}

export function emptyStats(): TributeStats {
  return { flower: 0, candle: 0, bow: 0, message: 0, total: 0 };
}

/** Tributes (collection `tributes`). */
export class TributeRepository {
  private readonly c: Collection<TributeDoc>;

  constructor(db: Db) {
    this.c = db.collection<TributeDoc>(COLLECTION);
  }

  /**
   * Records a tribute, under the caller's Idempotency-Key when one was sent; `{duplicate: true}` when
   * that key already recorded one (nothing was written).
   */
  async insert(tribute: NewTribute, idempotencyKey?: string): Promise<{ tribute: Tribute } | { duplicate: true }> {
    const _id = new ObjectId();
    const idemKey = idempotencyKey === undefined ? unkeyed(_id) : idemKeyOf(tribute.userId, idempotencyKey);
    try {
      await this.c.insertOne({ ...tribute, _id, idemKey });
    } catch (error) {
      if (idempotencyKey !== undefined && isDuplicateKey(error)) return { duplicate: true };
      throw error;
    }
    return { tribute: { ...tribute, id: _id.toHexString() } };
  }

  /** The tribute a caller already recorded under this Idempotency-Key. */
  async findByIdempotencyKey(userId: string, idempotencyKey: string): Promise<Tribute | null> {
    const doc = await this.c.findOne({ idemKey: idemKeyOf(userId, idempotencyKey) });
    return doc ? toDomain(doc) : null;
  }

  async findById(id: string): Promise<Tribute | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.c.findOne({ _id });
    return doc ? toDomain(doc) : null;
  }

  /** Published tributes of a site or martyr, newest first. */
  async listPublished(scope: TributeScope, kind: TributeKind | undefined, limit: number, beforeId?: string): Promise<Tribute[]> {
    const filter = withCursor({ ...scopeFilter(scope), status: 'published', ...(kind ? { kind } : {}) }, beforeId);
    if (!filter) return [];
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  async listByUser(userId: string, limit: number, beforeId?: string): Promise<Tribute[]> {
    const filter = withCursor({ userId }, beforeId);
    if (!filter) return [];
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  /** Messages in one review state, newest first, for an admin (all sites) or a manager (their sites). */
  async listForReview(query: ReviewQuery, limit: number, beforeId?: string): Promise<Tribute[]> {
    const base: Record<string, unknown> = { status: query.status, kind: 'message' };
    if (query.siteIds !== undefined) {
      if (query.siteIds.length === 0) return [];
      base.siteId = query.siteIds.length === 1 ? query.siteIds[0] : { $in: [...query.siteIds] };
    }
    const filter = withCursor(base, beforeId);
    if (!filter) return [];
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  /**
   * Moves a tribute from one of the `from` states to `to` in one conditional update, so two reviewers
   * cannot both decide it. Returns the tribute as it was before, or null when it was not in `from`.
   */
  async decide(id: string, from: readonly TributeStatus[], to: TributeStatus, decision: ReviewDecision): Promise<Tribute | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const set: Record<string, unknown> = { status: to, review: decision };
    if (to === 'published') set.publishedAt = decision.at;
    const doc = await this.c.findOneAndUpdate(
      { _id, status: from.length === 1 ? from[0] : { $in: [...from] } },
      { $set: set },
      { returnDocument: 'before' },
    );
    return doc ? toDomain(doc) : null;
  }

  /** Recount of the published tributes of one site or martyr, per kind. */
  async countPublished(scope: TributeScope): Promise<TributeStats> {
    const rows = await this.c
      .aggregate<{ _id: TributeKind; n: number }>([
        { $match: { ...scopeFilter(scope), status: 'published' } },
        { $group: { _id: '$kind', n: { $sum: 1 } } },
      ])
      .toArray();
    const stats = emptyStats();
    for (const row of rows) {
      stats[row._id] = row.n;
      stats.total += row.n;
    }
    return stats;
  }

  /** Recount of every site's and every martyr's published tributes, per kind (the full reconciliation). */
  async countAllPublished(): Promise<{ sites: Map<string, TributeStats>; martyrs: Map<string, TributeStats> }> {
    const rows = await this.c
      .aggregate<{ _id: { siteId: string; martyrId?: string | null; kind: TributeKind }; n: number }>([
        { $match: { status: 'published' } },
        { $group: { _id: { siteId: '$siteId', martyrId: '$martyrId', kind: '$kind' }, n: { $sum: 1 } } },
      ])
      .toArray();
    const sites = new Map<string, TributeStats>();
    const martyrs = new Map<string, TributeStats>();
    const add = (map: Map<string, TributeStats>, key: string, kind: TributeKind, n: number) => {
      const stats = map.get(key) ?? emptyStats();
      stats[kind] += n;
      stats.total += n;
      map.set(key, stats);
    };
    for (const row of rows) {
      add(sites, row._id.siteId, row._id.kind, row.n);
      if (row._id.martyrId) add(martyrs, row._id.martyrId, row._id.kind, row.n);
    }
    return { sites, martyrs };
  }

  /**
   * Published tributes per kind made in `[start, end)`, over some sites or all (statistics). The time
   * range is a range of ids (an ObjectId starts with its creation second), which the indexes serve.
   */
  async countPublishedBetween(start: Date, end: Date, siteIds?: readonly string[]): Promise<TributeStats> {
    const match: Record<string, unknown> = {
      status: 'published',
      _id: { $gte: ObjectId.createFromTime(Math.floor(start.getTime() / 1000)), $lt: ObjectId.createFromTime(Math.floor(end.getTime() / 1000)) },
    };
    if (siteIds !== undefined) match.siteId = { $in: [...siteIds] };
    const rows = await this.c.aggregate<{ _id: TributeKind; n: number }>([{ $match: match }, { $group: { _id: '$kind', n: { $sum: 1 } } }]).toArray();
    const stats = emptyStats();
    for (const row of rows) {
      stats[row._id] = row.n;
      stats.total += row.n;
    }
    return stats;
  }
}
