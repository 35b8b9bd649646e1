import type { Collection, Db, ObjectId } from 'mongodb';
import { toObjectId, toObjectIds } from '../db/ids.js';

/** What a file is for; it decides who may read it (see canReadFile). */
export type FilePurpose = 'upload' | 'proxy_sweep_proof' | 'site_photo' | 'patrol_photo';

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

interface FileDoc {
  _id: ObjectId;
  ownerId: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
  purpose: FilePurpose;
  context?: FileContext;
  siteId?: string;
  readerIds: string[];
  isPublic: boolean;
  attachedAt?: Date;
}

export interface Attachment {
  purpose: Exclude<FilePurpose, 'upload'>;
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
}

function toDomain(doc: FileDoc): FileRecord {
  return {
    id: doc._id.toHexString(),
    ownerId: doc.ownerId,
    contentType: doc.contentType,
    size: doc.size,
    sha256: doc.sha256,
    createdAt: doc.createdAt,
    purpose: doc.purpose,
    context: doc.context,
    siteId: doc.siteId,
    readerIds: doc.readerIds ?? [],
    isPublic: !!doc.isPublic,
  };
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
}
