import type { Collection, Db, ObjectId } from 'mongodb';
import { toObjectId } from '../db/ids.js';
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
}
