import type { Collection, Db, Filter, ObjectId } from 'mongodb';
import type { LatLng } from '../contracts/common.js';
import type { ProofFlag, SweepChecklistItem, SweepService, SweepStatus } from '../contracts/proxy-sweeps.js';
import { toObjectId } from '../db/ids.js';
import type { StoredPhone } from '../shared/phone.js';

export interface SweepHistoryRecord {
  status: SweepStatus;
  from?: SweepStatus;
  at: Date;
  actor: { id: string; role: 'family' | 'staff'; name?: string };
  note?: string;
}

export interface ProofRecord {
  photos: string[];
  takenAt: Date;
  location: LatLng;
  distanceMeters: number;
  reference: 'grave' | 'site';
  referenceLocation: LatLng;
  flags: ProofFlag[];
  checklist: SweepChecklistItem[];
  note?: string;
  submittedAt: Date;
}

/** A proxy sweep request as the service sees it. */
export interface SweepRecord {
  id: string;
  requesterId: string;
  siteId: string;
  siteName: string;
  martyrId?: string;
  martyrName?: string;
  graveDescription?: string;
  services: SweepService[];
  preferredDate: string;
  message?: string;
  relationship: string;
  contactPhone: StoredPhone;
  status: SweepStatus;
  assigneeId?: string;
  assigneeName?: string;
  acceptedAt?: Date;
  startedAt?: Date;
  completedAt?: Date;
  proof?: ProofRecord;
  confirmation?: { rating: number; comment?: string; at: Date };
  rejectionReason?: string;
  cancelReason?: string;
  history: SweepHistoryRecord[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewSweep = Omit<SweepRecord, 'id' | 'status' | 'history' | 'updatedAt'> & { history: SweepHistoryRecord[] };

/** Fields a transition may set besides the status (never the identity or the request itself). */
export type SweepChanges = Partial<
  Pick<SweepRecord, 'assigneeId' | 'assigneeName' | 'acceptedAt' | 'startedAt' | 'completedAt' | 'proof' | 'confirmation' | 'rejectionReason' | 'cancelReason'>
>;

interface SweepDoc extends Omit<SweepRecord, 'id'> {
  _id: ObjectId;
}

export interface StaffQueueFilter {
  /** null: every site (admins). */
  siteIds: string[] | null;
  status?: SweepStatus;
  assigneeId?: string;
}

/** Position in the staff queue (preferred date, then id). */
export interface QueueCursor {
  d: string;
  id: string;
}

const SWEEPS = 'proxy_sweeps';

export async function ensureProxySweepIndexes(db: Db): Promise<void> {
  const sweeps = db.collection(SWEEPS);
  await sweeps.createIndex({ requesterId: 1, _id: -1 }, { name: 'proxy_sweeps_requester' });
  await sweeps.createIndex({ siteId: 1, status: 1, preferredDate: 1, _id: 1 }, { name: 'proxy_sweeps_site_status_date' });
  await sweeps.createIndex({ status: 1, preferredDate: 1, _id: 1 }, { name: 'proxy_sweeps_status_date' });
  await sweeps.createIndex({ assigneeId: 1, status: 1 }, { name: 'proxy_sweeps_assignee_status' });
}

function toDomain(doc: SweepDoc): SweepRecord {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), history: doc.history ?? [] };
}

export class ProxySweepRepository {
  private readonly sweeps: Collection<SweepDoc>;

  constructor(db: Db) {
    this.sweeps = db.collection<SweepDoc>(SWEEPS);
  }

  async insert(input: NewSweep): Promise<SweepRecord> {
    const doc = { ...input, status: 'submitted' as const, updatedAt: input.createdAt };
    const result = await this.sweeps.insertOne(doc as SweepDoc);
    return toDomain({ ...(doc as Omit<SweepDoc, '_id'>), _id: result.insertedId });
  }

  async findById(id: string): Promise<SweepRecord | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.sweeps.findOne({ _id });
    return doc ? toDomain(doc) : null;
  }

  /**
   * Moves the request from `from` to `to` in one conditional update, appending the history entry. The
   * status in the filter makes concurrent transitions safe: of two racing calls one matches, the other
   * gets null (the request is gone or no longer in `from`).
   */
  async transition(id: string, from: SweepStatus, to: SweepStatus, changes: SweepChanges, entry: SweepHistoryRecord): Promise<SweepRecord | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const set: Record<string, unknown> = { status: to, updatedAt: entry.at };
    for (const [key, value] of Object.entries(changes)) if (value !== undefined) set[key] = value;
    const doc = await this.sweeps.findOneAndUpdate(
      { _id, status: from },
      { $set: set, $push: { history: entry } },
      { returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }

  /** A requester's requests, newest first, after the id `beforeId` (exclusive). */
  async listByRequester(requesterId: string, beforeId: string | undefined, limit: number): Promise<SweepRecord[]> {
    const filter: Filter<SweepDoc> = { requesterId };
    if (beforeId !== undefined) {
      const before = toObjectId(beforeId);
      if (!before) return [];
      filter._id = { $lt: before };
    }
    const docs = await this.sweeps.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  /** The staff queue: by preferred date, then id, after `cursor` (exclusive). */
  async listQueue(filter: StaffQueueFilter, cursor: QueueCursor | undefined, limit: number): Promise<SweepRecord[]> {
    if (filter.siteIds && filter.siteIds.length === 0) return [];
    const query: Filter<SweepDoc> = {};
    if (filter.siteIds) query.siteId = { $in: filter.siteIds };
    if (filter.status) query.status = filter.status;
    if (filter.assigneeId) query.assigneeId = filter.assigneeId;
    if (cursor) {
      const after = toObjectId(cursor.id);
      if (!after) return [];
      query.$or = [{ preferredDate: { $gt: cursor.d } }, { preferredDate: cursor.d, _id: { $gt: after } }];
    }
    const docs = await this.sweeps.find(query).sort({ preferredDate: 1, _id: 1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  /** Requests per preferred date and current status from `from` to `to` (inclusive), over some sites or all (statistics). */
  async countByDateAndStatus(from: string, to: string, siteIds?: readonly string[]): Promise<Array<{ date: string; status: SweepStatus; count: number }>> {
    const match: Record<string, unknown> = { preferredDate: { $gte: from, $lte: to } };
    if (siteIds !== undefined) match.siteId = { $in: [...siteIds] };
    const rows = await this.sweeps
      .aggregate<{ _id: { date: string; status: SweepStatus }; n: number }>([{ $match: match }, { $group: { _id: { date: '$preferredDate', status: '$status' }, n: { $sum: 1 } } }])
      .toArray();
    return rows.map((r) => ({ date: r._id.date, status: r._id.status, count: r.n }));
  }
}
