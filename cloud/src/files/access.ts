import { canActOnSite, STAFF_ROLES } from '../http/auth.js';
import type { Caller } from '../http/context.js';
import type { FileRecord } from './repository.js';

/**
 * Who may read a file: anyone for public files (site photos); otherwise the uploader, the listed readers
 * (the family of a proxy sweep) and the staff of the file's site (admins everywhere).
 */
export function canReadFile(file: Pick<FileRecord, 'isPublic' | 'ownerId' | 'readerIds' | 'siteId'>, caller: Caller | undefined): boolean {
  if (file.isPublic) return true;
  if (!caller) return false;
  if (file.ownerId === caller.id || file.readerIds.includes(caller.id)) return true;
  return file.siteId !== undefined && canActOnSite(caller, file.siteId, STAFF_ROLES);
}
