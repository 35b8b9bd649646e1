import type { Collection, Db, ObjectId } from 'mongodb';
import { escapeRegex, toObjectId } from '../db/ids.js';
import { isDuplicateKey } from '../db/connection.js';
import type { Role } from '../contracts/auth.js';

interface CitizenDoc {
  _id: ObjectId;
  openid: string;
  createdAt: Date;
  lastLoginAt: Date;
}

interface StaffDoc {
  _id: ObjectId;
  username: string;
  passwordHash: string;
  roles: Role[];
  siteIds: string[];
  disabled: boolean;
  displayName?: string;
  /** Tokens signed before this moment (a password reset) are refused. */
  tokensValidAfter?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface Citizen {
  id: string;
  openid: string;
}

export interface StaffAccount {
  id: string;
  username: string;
  passwordHash: string;
  roles: Role[];
  siteIds: string[];
  disabled: boolean;
  displayName?: string;
  tokensValidAfter?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Fields an admin may change on a staff account; `displayName: null` removes it. */
export interface StaffChanges {
  roles?: Role[];
  siteIds?: string[];
  displayName?: string | null;
  disabled?: boolean;
}

export interface StaffFilter {
  /** Matches the username or display name (escaped, case-insensitive). */
  q?: string;
  role?: Role;
  siteId?: string;
}

export interface NewStaff {
  username: string;
  passwordHash: string;
  roles: Role[];
  siteIds: string[];
  displayName?: string;
}

const CITIZENS = 'users';
const STAFF = 'staff_accounts';

export async function ensureAccountIndexes(db: Db): Promise<void> {
  await db.collection(CITIZENS).createIndex({ openid: 1 }, { name: 'users_openid_unique', unique: true });
  await db.collection(STAFF).createIndex({ username: 1 }, { name: 'staff_username_unique', unique: true });
}

function staffToDomain(doc: StaffDoc): StaffAccount {
  return {
    id: doc._id.toHexString(),
    username: doc.username,
    passwordHash: doc.passwordHash,
    roles: doc.roles,
    siteIds: doc.siteIds ?? [],
    disabled: !!doc.disabled,
    displayName: doc.displayName,
    ...(doc.tokensValidAfter ? { tokensValidAfter: doc.tokensValidAfter } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export class AccountRepository {
  private readonly citizens: Collection<CitizenDoc>;
  private readonly staff: Collection<StaffDoc>;

  constructor(db: Db) {
    this.citizens = db.collection<CitizenDoc>(CITIZENS);
    this.staff = db.collection<StaffDoc>(STAFF);
  }

  /** Finds the citizen with this openid, creating it on first sign-in. */
  async upsertCitizen(openid: string, now: Date): Promise<Citizen> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.citizens.findOneAndUpdate(
          { openid },
          { $set: { lastLoginAt: now }, $setOnInsert: { openid, createdAt: now } },
          { upsert: true, returnDocument: 'after' },
        );
        if (!doc) throw new Error('upsert returned no document');
        return { id: doc._id.toHexString(), openid: doc.openid };
      } catch (error) {
        if (isDuplicateKey(error) && attempt < 2) continue;
        throw error;
      }
    }
  }

  async findCitizenById(id: string): Promise<Citizen | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.citizens.findOne({ _id });
    return doc ? { id: doc._id.toHexString(), openid: doc.openid } : null;
  }

  async findStaffByUsername(username: string): Promise<StaffAccount | null> {
    const doc = await this.staff.findOne({ username });
    return doc ? staffToDomain(doc) : null;
  }

  async findStaffById(id: string): Promise<StaffAccount | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.staff.findOne({ _id });
    return doc ? staffToDomain(doc) : null;
  }

  async findStaffByIds(ids: readonly string[]): Promise<StaffAccount[]> {
    const oids = ids.map(toObjectId).filter((v): v is ObjectId => v !== null);
    if (oids.length === 0) return [];
    const docs = await this.staff.find({ _id: { $in: oids } }).toArray();
    return docs.map(staffToDomain);
  }

  /** Creates a staff account; null when the username is taken. */
  async insertStaff(input: NewStaff, now: Date): Promise<StaffAccount | null> {
    try {
      const doc = { ...input, disabled: false, createdAt: now, updatedAt: now } as Omit<StaffDoc, '_id'>;
      const result = await this.staff.insertOne(doc as StaffDoc);
      return staffToDomain({ ...(doc as StaffDoc), _id: result.insertedId });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async countStaff(): Promise<number> {
    return this.staff.countDocuments({});
  }

  /** A page of staff accounts by username order; `afterUsername` continues after the previous page. */
  async listStaff(filter: StaffFilter, afterUsername: string | undefined, limit: number): Promise<StaffAccount[]> {
    const query: Record<string, unknown> = {};
    if (filter.q) {
      const pattern = { $regex: escapeRegex(filter.q), $options: 'i' };
      query.$or = [{ username: pattern }, { displayName: pattern }];
    }
    if (filter.role !== undefined) query.roles = filter.role;
    if (filter.siteId !== undefined) query.siteIds = filter.siteId;
    if (afterUsername !== undefined) query.username = { $gt: afterUsername };
    const docs = await this.staff.find(query).sort({ username: 1 }).limit(limit).toArray();
    return docs.map(staffToDomain);
  }

  /** Applies admin changes to a staff account; null when unknown. */
  async updateStaff(id: string, changes: StaffChanges, now: Date): Promise<StaffAccount | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const $set: Record<string, unknown> = { updatedAt: now };
    const $unset: Record<string, ''> = {};
    if (changes.roles !== undefined) $set.roles = changes.roles;
    if (changes.siteIds !== undefined) $set.siteIds = changes.siteIds;
    if (changes.disabled !== undefined) $set.disabled = changes.disabled;
    if (changes.displayName === null) $unset.displayName = '';
    else if (changes.displayName !== undefined) $set.displayName = changes.displayName;
    const update = Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
    const doc = await this.staff.findOneAndUpdate({ _id }, update, { returnDocument: 'after' });
    return doc ? staffToDomain(doc) : null;
  }

  /** Replaces the password hash and refuses every token signed before `now`; null when unknown. */
  async setPassword(id: string, passwordHash: string, now: Date): Promise<StaffAccount | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.staff.findOneAndUpdate(
      { _id },
      { $set: { passwordHash, tokensValidAfter: now, updatedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? staffToDomain(doc) : null;
  }
}
