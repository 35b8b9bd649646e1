import type { Readable } from 'node:stream';
import { GridFSBucket, type Db } from 'mongodb';
import { toObjectId } from '../db/ids.js';

/** Bytes read back from a store. */
export interface StoredObject {
  stream: Readable;
  length: number;
}

/**
 * Where uploaded bytes live. GridFS is the default; a production object store (COS, OSS, S3) implements
 * the same three calls. Keys are the file ids (24 hex characters); metadata and access rules stay in
 * MongoDB (`file_records`) whatever the store.
 */
export interface FileStorage {
  /** Stores the bytes under `key`; resolves once they are durable. */
  put(key: string, body: Buffer, info: { contentType: string }): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the bytes; a missing key is not an error. */
  delete?(key: string): Promise<void>;
}

export const GRIDFS_BUCKET = 'uploads';

export async function ensureGridFsIndexes(db: Db): Promise<void> {
  // The driver would create these on the first upload; naming them here keeps every index in code.
  await db.collection(`${GRIDFS_BUCKET}.files`).createIndex({ filename: 1, uploadDate: 1 }, { name: 'uploads_files_filename_uploadDate' });
  await db.collection(`${GRIDFS_BUCKET}.chunks`).createIndex({ files_id: 1, n: 1 }, { name: 'uploads_chunks_files_id_n', unique: true });
}

/** FileStorage on MongoDB GridFS (part of the portable subset: MongoDB and FerretDB both serve it). */
export class GridFsStorage implements FileStorage {
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: GRIDFS_BUCKET, chunkSizeBytes: 255 * 1024 });
  }

  put(key: string, body: Buffer, info: { contentType: string }): Promise<void> {
    const id = toObjectId(key);
    if (!id) return Promise.reject(new Error(`invalid storage key ${key}`));
    return new Promise((resolve, reject) => {
      const upload = this.bucket.openUploadStreamWithId(id, key, { metadata: { contentType: info.contentType } });
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(body);
    });
  }

  async get(key: string): Promise<StoredObject | null> {
    const id = toObjectId(key);
    if (!id) return null;
    const file = await this.bucket.find({ _id: id }, { limit: 1 }).next();
    if (!file) return null;
    return { stream: this.bucket.openDownloadStream(id), length: file.length };
  }

  async delete(key: string): Promise<void> {
    const id = toObjectId(key);
    if (!id) return;
    try {
      await this.bucket.delete(id);
    } catch (error) {
      if ((error as { name?: string }).name !== 'MongoRuntimeError' || !/not found/i.test(String((error as Error).message))) throw error;
    }
  }
}
