import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../db/connection.js';

interface CodeDoc {
  /** The martyr's registry code: `_id` makes it unique without a sparse or partial index. */
  _id: string;
  martyrId: string;
  at: Date;
}

const CODES = 'martyr_codes';

/**
 * Reservations of martyr registry codes. Most martyrs have no code, so a unique index on the martyr
 * documents themselves is not possible in the portable subset; instead a code is claimed here first
 * (one document per code) and the martyr is then inserted under the reserved id.
 */
export class MartyrCodeRepository {
  private readonly codes: Collection<CodeDoc>;

  constructor(db: Db) {
    this.codes = db.collection<CodeDoc>(CODES);
  }

  /** Reserves `code` for `martyrId`; false when the code is already reserved. */
  async claim(code: string, martyrId: string, now: Date): Promise<boolean> {
    try {
      await this.codes.insertOne({ _id: code, martyrId, at: now });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The martyr id reserved for `code`; null when the code is free. */
  async holder(code: string): Promise<string | null> {
    const doc = await this.codes.findOne({ _id: code });
    return doc?.martyrId ?? null;
  }
}
