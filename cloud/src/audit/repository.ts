import type { Collection, Db, ObjectId } from 'mongodb';
import { toObjectId } from '../db/ids.js';

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** One manager or staff write, kept for ever. */
export interface AuditEntry {
  id: string;
  at: Date;
  actor: { id: string; name: string };
  action: string;
  siteId?: string;
  targetType: string;
  targetId: string;
  changes?: Record<string, FieldChange>;
  note?: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

interface AuditDoc extends Omit<AuditEntry, 'id'> {
  _id: ObjectId;
}

export interface AuditQuery {
  siteId?: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
}

const COLLECTION = 'audit_log';

export async function ensureAuditIndexes(db: Db): Promise<void> {
  const c = db.collection(COLLECTION);
  await c.createIndex({ siteId: 1, at: -1, _id: -1 }, { name: 'audit_site_at' });
  await c.createIndex({ at: -1, _id: -1 }, { name: 'audit_at' });
  await c.createIndex({ 'actor.id': 1, at: -1 }, { name: 'audit_actor_at' });
}

function toDomain(doc: AuditDoc): AuditEntry {
  const { _id, ...rest } = doc;
  return { id: _id.toHexString(), ...rest };
}

export class AuditRepository {
  private readonly entries: Collection<AuditDoc>;

  constructor(db: Db) {
    this.entries = db.collection<AuditDoc>(COLLECTION);
  }

  async insert(entry: NewAuditEntry): Promise<AuditEntry> {
    const result = await this.entries.insertOne(entry as AuditDoc);
    return { ...entry, id: result.insertedId.toHexString() };
  }

  /** Newest first; `beforeId` continues after the last entry of the previous page. */
  async list(query: AuditQuery, limit: number, beforeId?: string): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = {};
    if (query.siteId !== undefined) filter.siteId = query.siteId;
    if (query.actorId !== undefined) filter['actor.id'] = query.actorId;
    if (query.action !== undefined) filter.action = query.action;
    if (query.targetType !== undefined) filter.targetType = query.targetType;
    if (query.from || query.to) {
      filter.at = { ...(query.from ? { $gte: query.from } : {}), ...(query.to ? { $lt: query.to } : {}) };
    }
    const before = beforeId ? toObjectId(beforeId) : null;
    if (before) filter._id = { $lt: before };
    const docs = await this.entries.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }
}
