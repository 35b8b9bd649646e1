import { ObjectId } from 'mongodb';

/** Parses a 24-hex id; null for anything else (the caller answers 404). For repositories only. */
export function toObjectId(id: string): ObjectId | null {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) ? new ObjectId(id) : null;
}

/** Keeps only the ids that parse; used for `$in` lists. */
export function toObjectIds(ids: readonly string[]): ObjectId[] {
  return ids.map(toObjectId).filter((v): v is ObjectId => v !== null);
}

export function newId(): string {
  return new ObjectId().toHexString();
}

/** Escapes user text for use inside `$regex`. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
