import { apiBase } from '@/env';

/** A site photo as an image source: URLs are used as they are; upload ids are served by GET /files/:id (public for site photos). */
export function photoUrl(photo: string): string {
  if (/^(https?:)?\/\//.test(photo) || photo.startsWith('/')) return photo;
  return `${apiBase().replace(/\/+$/, '')}/files/${encodeURIComponent(photo)}`;
}
