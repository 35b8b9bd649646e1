/** Image types accepted by POST /uploads (checked by content, not by name). */
export const UPLOAD_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadMimeType = (typeof UPLOAD_MIME_TYPES)[number];

/** Largest accepted upload, in bytes (5 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** POST /uploads → 201 */
export interface UploadResponse {
  id: string;
  /** A signed path (`/api/v1/files/:id?exp=…&sig=…`) readable without an Authorization header until `expiresAt`. */
  url: string;
  expiresAt: string;
  contentType: UploadMimeType;
  size: number;
}

/** A file as embedded in other answers (e.g. proof photos), with a fresh signed link. */
export interface FileLink {
  id: string;
  url: string;
}
