import type { Collection, Db, ObjectId } from 'mongodb';
import { toObjectId, toObjectIds } from '../db/ids.js';

/**
 * What a file is for; it decides who may read it (see canReadFile). `expiring`: an upload never
 * attached, claimed by the clean-up (cleanup.ts), which no attach accepts any more.
 */
export type FilePurpose = 'upload' | 'expiring' | 'proxy_sweep_proof' | 'site_photo' | 'patrol_photo';

/** The object a file is attached to. */
export interface FileContext {
  type: 'proxy_sweep' | 'site' | 'patrol';
  id: string;
}

export interface FileRecord {
  id: string;
  ownerId: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
  /** `upload` until the file is attached to something. */
  purpose: FilePurpose;
  context?: FileContext;
  /** Staff of this site (and admins) may read the file. */
  siteId?: string;
  /** Users besides the owner who may read the file (e.g. the family of a proxy sweep). */
  readerIds: string[];
  /** Anyone may read it (site photos). */
  isPublic: boolean;
}

interface FileDoc extends Omit<FileRecord, 'id'> {
  _id: ObjectId;
  attachedAt?: Date;
  expiringAt?: Date;
  namedAt?: Date;
}

export interface Attachment {
  purpose: Exclude<FilePurpose, 'upload' | 'expiring'>;
  context: FileContext;
  siteId?: string;
  readerIds?: string[];
  isPublic?: boolean;
}

const FILES = 'file_records';

export async function ensureFileRecordIndexes(db: Db): Promise<void> {
  const files = db.collection(FILES);
  await files.createIndex({ ownerId: 1, createdAt: -1 }, { name: 'file_records_owner_createdAt' });
  await files.createIndex({ 'context.type': 1, 'context.id': 1 }, { name: 'file_records_context' });
  await files.createIndex({ purpose: 1, createdAt: 1 }, { name: 'file_records_purpose_createdAt' });
  await files.createIndex({ purpose: 1, expiringAt: 1 }, { name: 'file_records_purpose_expiringAt' });
}

function toDomain(doc: FileDoc): FileRecord {
  const { _id, attachedAt: _attached, expiringAt: _expiring, namedAt: _named, ...rest } = doc;
  return { ...rest, id: _id.toHexString(), readerIds: rest.readerIds ?? [], isPublic: !!rest.isPublic };
}

export class FileRepository {
  private readonly files: Collection<FileDoc>;

  constructor(db: Db) {
    this.files = db.collection<FileDoc>(FILES);
  }

  async insert(id: string, input: { ownerId: string; contentType: string; size: number; sha256: string; createdAt: Date }): Promise<FileRecord> {
    const _id = toObjectId(id);
    if (!_id) throw new Error(`invalid file id ${id}`);
    const doc: FileDoc = { _id, ...input, purpose: 'upload', readerIds: [], isPublic: false };
    await this.files.insertOne(doc);
    return toDomain(doc);
  }

  async findById(id: string): Promise<FileRecord | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.files.findOne({ _id });
    return doc ? toDomain(doc) : null;
  }

  async findByIds(ids: readonly string[]): Promise<FileRecord[]> {
    const oids = toObjectIds(ids);
    if (oids.length === 0) return [];
    return (await this.files.find({ _id: { $in: oids } }).toArray()).map(toDomain);
  }

  /**
   * Attaches the owner's files that are still unattached, or already attached to the same context (a
   * retried request). Returns how many matched; files of others or of another context never change.
   */
  async attach(ids: readonly string[], ownerId: string, attachment: Attachment, now: Date): Promise<number> {
    const oids = toObjectIds(ids);
    if (oids.length === 0) return 0;
    const result = await this.files.updateMany(
      {
        _id: { $in: oids },
        ownerId,
        $or: [{ purpose: 'upload' }, { purpose: attachment.purpose, 'context.type': attachment.context.type, 'context.id': attachment.context.id }],
      },
      {
        $set: {
          purpose: attachment.purpose,
          context: attachment.context,
          readerIds: attachment.readerIds ?? [],
          isPublic: attachment.isPublic ?? false,
          attachedAt: now,
          ...(attachment.siteId ? { siteId: attachment.siteId } : {}),
        },
      },
    );
    return result.matchedCount;
  }

  /** Ids of uploads never attached, created before `before` and not known to be named by a record, oldest first. */
  async listUnattached(before: Date, limit: number): Promise<string[]> {
    const docs = await this.files.find({ purpose: 'upload', createdAt: { $lt: before }, namedAt: { $exists: false } }, { projection: { _id: 1 } }).sort({ createdAt: 1 }).limit(limit).toArray();
    return docs.map((d) => d._id.toHexString());
  }

  /**
   * Claims an unattached upload for deletion (one conditional update): from then on no attach
   * matches it. False when it was attached (or claimed) meanwhile.
   */
  async claimForExpiry(id: string, now: Date): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.files.updateOne({ _id, purpose: 'upload' }, { $set: { purpose: 'expiring', expiringAt: now } });
    return result.modifiedCount === 1;
  }

  /** Ids of uploads claimed for deletion before `before`, oldest claim first. */
  async listExpiring(before: Date, limit: number): Promise<string[]> {
    const docs = await this.files.find({ purpose: 'expiring', expiringAt: { $lt: before } }, { projection: { _id: 1 } }).sort({ expiringAt: 1 }).limit(limit).toArray();
    return docs.map((d) => d._id.toHexString());
  }

  /** Gives a claimed upload back for good: a record names it (`namedAt` keeps it out of later sweeps). */
  async releaseExpiring(id: string, now: Date): Promise<void> {
    const _id = toObjectId(id);
    if (!_id) return;
    await this.files.updateOne({ _id, purpose: 'expiring' }, { $set: { purpose: 'upload', namedAt: now }, $unset: { expiringAt: '' } });
  }

  /** Deletes a claimed upload's record (its bytes are deleted first). */
  async deleteExpiring(id: string): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    return (await this.files.deleteOne({ _id, purpose: 'expiring' })).deletedCount === 1;
  }
}
