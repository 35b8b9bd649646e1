import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { MAX_UPLOAD_BYTES, UPLOAD_MIME_TYPES, type UploadMimeType } from '../contracts/files.js';
import { newId } from '../db/ids.js';
import { AppError } from '../errors.js';
import type { AppContext, Caller } from '../http/context.js';
import { canReadFile } from './access.js';
import { sweepUnattachedUploads, UPLOAD_SWEEP, type UploadSweepOptions, type UploadSweepReport } from './cleanup.js';
import { FileReferenceReader } from './references.js';
import { FileRepository, type Attachment, type FileRecord } from './repository.js';
import { signFileLink, verifyFileSignature, type SignedLink } from './signing.js';
import type { FileStorage, StoredObject } from './storage.js';

export { MAX_UPLOAD_BYTES };

/** The image type of the bytes by their content (magic numbers), or null when it is not one we accept. */
export async function sniffImageType(bytes: Uint8Array): Promise<UploadMimeType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime as string | undefined;
  return mime && (UPLOAD_MIME_TYPES as readonly string[]).includes(mime) ? (mime as UploadMimeType) : null;
}

/** How a reader proves access to GET /files/:id: a signed link, or being signed in and allowed. */
export interface ReadAccess {
  caller?: Caller;
  exp?: number;
  sig?: string;
}

export class FileService {
  private readonly repo: FileRepository;

  constructor(
    private readonly ctx: AppContext,
    private readonly storage: FileStorage,
    /** The API's base path (`/api/v1`), which signed links start with. */
    private readonly basePath: string,
  ) {
    this.repo = new FileRepository(ctx.db);
  }

  /** Stores an uploaded image (type checked by content) owned by the caller; unattached until used. */
  async upload(caller: Caller, bytes: Buffer): Promise<{ file: FileRecord; link: SignedLink }> {
    if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '上传的文件是空的', { details: [{ path: 'file', message: '文件为空' }] });
    if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 5 MB');
    const contentType = await sniffImageType(bytes);
    if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG 或 WebP 图片');
    const id = newId();
    await this.storage.put(id, bytes, { contentType });
    try {
      const file = await this.repo.insert(id, {
        ownerId: caller.id,
        contentType,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        createdAt: this.ctx.now(),
      });
      return { file, link: this.link(id) };
    } catch (error) {
      await this.storage.delete?.(id).catch(() => {});
      throw error;
    }
  }

  /** A fresh signed link to a file (for `<image src>`). */
  link(id: string): SignedLink {
    return signFileLink(this.basePath, id, this.ctx.config.jwtSecret, this.ctx.now());
  }

  /**
   * The file and its bytes for a reader with a valid signed link or with access as a signed-in user.
   * Strangers get 404 (a file's existence is not revealed); no credentials at all is 401.
   */
  async open(id: string, access: ReadAccess): Promise<{ file: FileRecord; object: StoredObject }> {
    const file = await this.repo.findById(id);
    const signed = access.sig !== undefined && access.exp !== undefined && verifyFileSignature(id, access.exp, access.sig, this.ctx.config.jwtSecret, this.ctx.now());
    if (!file) {
      if (!signed && !access.caller) throw this.noCredentials(access);
      throw new AppError('NOT_FOUND', '文件不存在');
    }
    if (!signed && !canReadFile(file, access.caller)) {
      if (!access.caller && !file.isPublic) throw this.noCredentials(access);
      throw new AppError('NOT_FOUND', '文件不存在');
    }
    const object = await this.storage.get(id);
    if (!object) throw new AppError('NOT_FOUND', '文件不存在');
    return { file, object };
  }

  /** Files by id, in the order asked, skipping unknown ids. */
  async findByIds(ids: readonly string[]): Promise<FileRecord[]> {
    const found = new Map((await this.repo.findByIds(ids)).map((f) => [f.id, f]));
    return ids.map((id) => found.get(id)).filter((f): f is FileRecord => f !== undefined);
  }

  /**
   * Checks that every id is an upload of `ownerId` that is free to attach to `context` (unattached, or
   * already attached to that same context). Throws 400 naming the field otherwise.
   */
  async assertAttachable(ids: readonly string[], ownerId: string, context: Attachment['context'], field = 'photos'): Promise<FileRecord[]> {
    const files = await this.findByIds(ids);
    const bad = ids.filter((id) => {
      const file = files.find((f) => f.id === id);
      if (!file || file.ownerId !== ownerId) return true;
      return file.purpose !== 'upload' && !(file.context?.type === context.type && file.context.id === context.id);
    });
    if (bad.length > 0) {
      throw new AppError('VALIDATION_FAILED', '照片无效：须为您本人刚上传且未被使用的图片', {
        details: bad.map((id) => ({ path: `${field}.${ids.indexOf(id)}`, message: `文件 ${id} 不存在、不属于您或已被使用` })),
      });
    }
    return files;
  }

  /** Attaches the owner's uploads to an object; 409 when one was taken meanwhile. */
  async attach(ids: readonly string[], ownerId: string, attachment: Attachment): Promise<void> {
    const unique = [...new Set(ids)];
    const matched = await this.repo.attach(unique, ownerId, attachment, this.ctx.now());
    if (matched !== unique.length) throw new AppError('CONFLICT', '部分照片已被其他记录使用，请重新上传');
  }

  /** The scheduled clean-up of uploads never attached (cleanup.ts). */
  sweepUnattached(options: UploadSweepOptions = UPLOAD_SWEEP): Promise<UploadSweepReport> {
    return sweepUnattachedUploads(
      { repo: this.repo, references: new FileReferenceReader(this.ctx.db), storage: this.storage, now: this.ctx.now(), logger: this.ctx.logger },
      options,
    );
  }

  private noCredentials(access: ReadAccess): AppError {
    return access.sig !== undefined
      ? new AppError('FORBIDDEN', '图片链接已过期，请刷新页面')
      : new AppError('UNAUTHENTICATED', '请先登录');
  }
}
