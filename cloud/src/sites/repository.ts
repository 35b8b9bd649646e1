import type { Collection, Db, ObjectId } from 'mongodb';
import type { LatLng } from '../contracts/common.js';
import type { OpeningHours, SiteCategory, SiteLevel, SiteStatus } from '../contracts/sites.js';
import { SITE_LEVELS } from '../contracts/sites.js';
import { isDuplicateKey } from '../db/connection.js';
import { escapeRegex, toObjectId } from '../db/ids.js';
import { ensureMartyrIndexes } from './martyr-repository.js';

export { MartyrRepository, type Martyr, type NewMartyr } from './martyr-repository.js';

/** Custody of a (scattered) grave: who looks after it, under which agreement, which plate marks it. */
export interface CustodyRecord {
  custodian?: string;
  /** Organisation of the custodian (village committee, school …). */
  organization?: string;
  agreementNo?: string;
  /** YYYY-MM-DD */
  agreementStart?: string;
  /** YYYY-MM-DD */
  agreementEnd?: string;
  plateId?: string;
  /** Where the custody plate stands, GCJ-02 (converted on input). */
  plateLocation?: LatLng;
}

/** The archive fields of 一处一档 (one file per site). */
export interface SiteArchive {
  protectionLevel?: string;
  tombType?: string;
  inscription?: string;
  areaSqm?: number;
  material?: string;
  dimensions?: string;
  panoramaPhoto?: string;
}

/** A memorial facility as the services see it. `location` is GCJ-02. */
export interface Site {
  id: string;
  code: string;
  name: string;
  /** Stable ordering key (level rank, then code): sorts lists without collation. */
  sortKey: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  /** City for route planning (AMap transit needs one); defaults to 武汉. */
  city: string;
  address: string;
  location: LatLng;
  openingHours?: OpeningHours;
  phone?: string;
  intro?: string;
  photos: string[];
  visitorNotice?: string;
  status: SiteStatus;
  bookable: boolean;
  sample: boolean;
  custody?: CustodyRecord;
  archive?: SiteArchive;
  version: number;
  tributeCount: number;
  martyrCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a caller supplies to create a site; counters, version and timestamps are set here. */
export interface NewSite {
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  city?: string;
  address: string;
  location: LatLng;
  openingHours?: OpeningHours;
  phone?: string;
  intro?: string;
  photos?: string[];
  visitorNotice?: string;
  status?: SiteStatus;
  bookable?: boolean;
  sample?: boolean;
  custody?: CustodyRecord;
  archive?: SiteArchive;
}

/** Editable fields of a site (code is fixed once created). `null` removes an optional field. */
export type SitePatch = {
  [K in Exclude<keyof NewSite, 'code'>]?: NewSite[K] | null;
};

/** Filter for `SiteRepository.list`. `q` matches the name (escaped, case-insensitive, anywhere). */
export interface SiteFilter {
  status?: SiteStatus | SiteStatus[];
  level?: SiteLevel;
  category?: SiteCategory;
  district?: string;
  q?: string;
  /** Restrict to these ids (a manager's own sites). */
  ids?: string[];
}

/** One published site as the in-memory geo index needs it. */
export interface IndexedSite {
  id: string;
  code: string;
  name: string;
  sortKey: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  address: string;
  lat: number;
  lng: number;
  openingHours?: OpeningHours;
  sample: boolean;
}

interface SiteDoc extends Omit<Site, 'id' | 'city' | 'photos' | 'bookable' | 'sample'> {
  _id: ObjectId;
  city?: string;
  photos?: string[];
  bookable?: boolean;
  sample?: boolean;
}

/** `site_meta`: the version stamp (`counter`), and the last index an instance saved (see `saveIndex`). */
interface MetaDoc {
  _id: string;
  counter?: number;
  version?: string;
  format?: string;
  /** The saved index's sites as one JSON string: read back as one value, not thousands of small ones. */
  sites?: string;
  savedAt?: Date;
}

/** The version stamp, with the index an instance saved (at whatever version it was built). */
export interface StampAndSavedIndex {
  version: string;
  saved?: { version: string; sites: IndexedSite[] };
}

const SITES = 'sites';
const META = 'site_meta';
const META_ID = 'sites';
const SAVED_INDEX_ID = 'published-index';
/** The fields of a site the published index holds (`IndexedSite`), all that `listPublishedForIndex` reads. */
const INDEXED_FIELDS = ['code', 'name', 'sortKey', 'level', 'category', 'district', 'address', 'location', 'openingHours', 'sample'] as const;
/** Names the fields too: code that indexes other fields never reads an index saved by older code as its own. */
const SAVED_INDEX_FORMAT = `1:${INDEXED_FIELDS.join(',')}`;
/** Above this size (tens of thousands of sites) no index is saved: new instances read the sites themselves. */
const SAVED_INDEX_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_CITY = '武汉';

export async function ensureSiteIndexes(db: Db): Promise<void> {
  const sites = db.collection(SITES);
  await sites.createIndex({ code: 1 }, { name: 'sites_code_unique', unique: true });
  await sites.createIndex({ status: 1, sortKey: 1 }, { name: 'sites_status_sort' });
  await sites.createIndex({ updatedAt: -1 }, { name: 'sites_updated_at' });
  await ensureMartyrIndexes(db);
}

/** Level rank first (national before provincial …), then the unique code: unique and stable. */
export function siteSortKey(level: SiteLevel, code: string): string {
  return `${SITE_LEVELS.indexOf(level)}:${code}`;
}

function siteToDomain(doc: SiteDoc): Site {
  const { _id, ...rest } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    city: doc.city ?? DEFAULT_CITY,
    photos: doc.photos ?? [],
    bookable: !!doc.bookable,
    sample: !!doc.sample,
    tributeCount: doc.tributeCount ?? 0,
    martyrCount: doc.martyrCount ?? 0,
  };
}

function siteFilterToQuery(filter: SiteFilter): Record<string, unknown> | null {
  const query: Record<string, unknown> = {};
  if (filter.status !== undefined) query.status = Array.isArray(filter.status) ? { $in: filter.status } : filter.status;
  if (filter.level !== undefined) query.level = filter.level;
  if (filter.category !== undefined) query.category = filter.category;
  if (filter.district !== undefined) query.district = filter.district;
  if (filter.q) query.name = { $regex: escapeRegex(filter.q), $options: 'i' };
  if (filter.ids !== undefined) {
    const ids = filter.ids.map(toObjectId).filter((v): v is ObjectId => v !== null);
    if (ids.length === 0) return null;
    query._id = { $in: ids };
  }
  return query;
}

/** Sites (collection `sites`). Every write that can change the public index bumps the version stamp. */
export class SiteRepository {
  private readonly sites: Collection<SiteDoc>;
  private readonly meta: Collection<MetaDoc>;

  constructor(db: Db) {
    this.sites = db.collection<SiteDoc>(SITES);
    this.meta = db.collection<MetaDoc>(META);
  }

  /** The site with this id in any status; null when unknown or when `id` is not a valid id. */
  async findById(id: string): Promise<Site | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.sites.findOne({ _id });
    return doc ? siteToDomain(doc) : null;
  }

  /** The site with this code in any status; null when unknown. */
  async findByCode(code: string): Promise<Site | null> {
    if (typeof code !== 'string') return null;
    const doc = await this.sites.findOne({ code });
    return doc ? siteToDomain(doc) : null;
  }

  /** Sites with these codes, in any status (unknown codes are skipped): one query for a batch of import rows. */
  async findByCodes(codes: readonly string[]): Promise<Site[]> {
    const wanted = codes.filter((c) => typeof c === 'string');
    if (wanted.length === 0) return [];
    const docs = await this.sites.find({ code: { $in: wanted } }).toArray();
    return docs.map(siteToDomain);
  }

  /** Sites by id, in any status (unknown ids are skipped). */
  async findByIds(ids: readonly string[]): Promise<Site[]> {
    const oids = ids.map(toObjectId).filter((v): v is ObjectId => v !== null);
    if (oids.length === 0) return [];
    const docs = await this.sites.find({ _id: { $in: oids } }).toArray();
    return docs.map(siteToDomain);
  }

  /** Creates a site at version 1 with zero counters; null when the code is taken. */
  async insert(input: NewSite, now: Date): Promise<Site | null> {
    const doc: Omit<SiteDoc, '_id'> = {
      code: input.code,
      name: input.name,
      sortKey: siteSortKey(input.level, input.code),
      level: input.level,
      category: input.category,
      district: input.district,
      city: input.city ?? DEFAULT_CITY,
      address: input.address,
      location: { lat: input.location.lat, lng: input.location.lng },
      ...(input.openingHours ? { openingHours: input.openingHours } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.intro ? { intro: input.intro } : {}),
      photos: input.photos ?? [],
      ...(input.visitorNotice ? { visitorNotice: input.visitorNotice } : {}),
      status: input.status ?? 'draft',
      bookable: input.bookable ?? false,
      sample: input.sample ?? false,
      ...(input.custody ? { custody: input.custody } : {}),
      ...(input.archive ? { archive: input.archive } : {}),
      version: 1,
      tributeCount: 0,
      martyrCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    try {
      const result = await this.sites.insertOne(doc as SiteDoc);
      await this.bumpVersionStamp();
      return siteToDomain({ ...(doc as SiteDoc), _id: result.insertedId });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  /**
   * Applies `patch` only if the stored version is still `expectedVersion` (optimistic concurrency),
   * incrementing `version`. Returns the updated site, or null when the site is unknown or the version is
   * stale (call `findById` to tell which).
   */
  async updateIfVersion(id: string, expectedVersion: number, patch: SitePatch, now: Date): Promise<Site | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const $set: Record<string, unknown> = { updatedAt: now };
    const $unset: Record<string, ''> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) $unset[key] = '';
      else $set[key] = value;
    }
    if (patch.level) {
      const current = await this.sites.findOne({ _id }, { projection: { code: 1 } });
      if (!current) return null;
      $set.sortKey = siteSortKey(patch.level, current.code);
    }
    const update: Record<string, unknown> = { $set, $inc: { version: 1 } };
    if (Object.keys($unset).length > 0) update.$unset = $unset;
    const doc = await this.sites.findOneAndUpdate({ _id, version: expectedVersion }, update, { returnDocument: 'after' });
    if (!doc) return null;
    await this.bumpVersionStamp();
    return siteToDomain(doc);
  }

  /**
   * A page of sites matching `filter`, ordered by `sortKey`; `afterSortKey` continues after the last
   * item of the previous page. Returns up to `limit` items.
   */
  async list(filter: SiteFilter, afterSortKey: string | undefined, limit: number): Promise<Site[]> {
    const query = siteFilterToQuery(filter);
    if (!query) return [];
    if (afterSortKey !== undefined) query.sortKey = { $gt: afterSortKey };
    const docs = await this.sites.find(query).sort({ sortKey: 1 }).limit(limit).toArray();
    return docs.map(siteToDomain);
  }

  async count(filter: SiteFilter = {}): Promise<number> {
    const query = siteFilterToQuery(filter);
    return query ? this.sites.countDocuments(query) : 0;
  }

  /** Every published site with just what the geo index and the offline index need. */
  async listPublishedForIndex(): Promise<IndexedSite[]> {
    const docs = await this.sites
      .find(
        { status: 'published' },
        { projection: Object.fromEntries(INDEXED_FIELDS.map((field) => [field, 1])) },
      )
      .sort({ sortKey: 1 })
      .toArray();
    return docs.map((doc) => ({
      id: doc._id.toHexString(),
      code: doc.code,
      name: doc.name,
      sortKey: doc.sortKey,
      level: doc.level,
      category: doc.category,
      district: doc.district,
      address: doc.address,
      lat: doc.location.lat,
      lng: doc.location.lng,
      ...(doc.openingHours ? { openingHours: doc.openingHours } : {}),
      sample: !!doc.sample,
    }));
  }

  /**
   * A cheap fingerprint of the sites collection: a counter bumped by every write through this
   * repository, after the write. Equal stamps mean the published index need not be rebuilt.
   */
  async getVersionStamp(): Promise<string> {
    // One indexed read tells whether anything changed (counting or sorting the collection here stalled
    // FerretDB's one connection).
    const meta = await this.meta.findOne({ _id: META_ID });
    return String(meta?.counter ?? 0);
  }

  /**
   * What a new instance reads first, in one query: the version stamp and the index some instance
   * saved. The saved one is returned only if it is readable and of this code's format; whether its
   * version is the current one is the caller's to check.
   */
  async getStampAndSavedIndex(): Promise<StampAndSavedIndex> {
    const docs = await this.meta.find({ _id: { $in: [META_ID, SAVED_INDEX_ID] } }).toArray();
    const stamp = docs.find((d) => d._id === META_ID);
    const saved = docs.find((d) => d._id === SAVED_INDEX_ID);
    const version = String(stamp?.counter ?? 0);
    if (!saved || saved.format !== SAVED_INDEX_FORMAT || typeof saved.version !== 'string' || typeof saved.sites !== 'string') return { version };
    try {
      const sites: unknown = JSON.parse(saved.sites);
      return Array.isArray(sites) ? { version, saved: { version: saved.version, sites: sites as IndexedSite[] } } : { version };
    } catch {
      return { version };
    }
  }

  /** The version of the saved index, if one of this code's format is saved. */
  async getSavedIndexVersion(): Promise<string | null> {
    const saved = await this.meta.findOne({ _id: SAVED_INDEX_ID }, { projection: { version: 1, format: 1 } });
    return saved?.format === SAVED_INDEX_FORMAT && typeof saved.version === 'string' ? saved.version : null;
  }

  /**
   * Saves the published-site index built at `version` for the instances that start next (one small
   * read instead of every site: Qingming's peak starts many at once). False when it is too big to save.
   * `sites` must have been read after the stamp `version` was, so it holds at least that version's data.
   */
  async saveIndex(version: string, sites: IndexedSite[], maxBytes = SAVED_INDEX_MAX_BYTES): Promise<boolean> {
    const json = JSON.stringify(sites);
    if (Buffer.byteLength(json) > maxBytes) return false;
    await this.meta.replaceOne({ _id: SAVED_INDEX_ID }, { version, format: SAVED_INDEX_FORMAT, sites: json, savedAt: new Date() }, { upsert: true });
    return true;
  }

  /** Atomically adds `n` to the site's `tributeCount` (the tributes domain); false when the site is unknown. */
  async incrementTributeCount(id: string, n = 1): Promise<boolean> {
    return this.increment(id, 'tributeCount', n);
  }

  /** Atomically adds `n` (may be negative) to the site's `martyrCount`; false when the site is unknown. */
  async incrementMartyrCount(id: string, n = 1): Promise<boolean> {
    return this.increment(id, 'martyrCount', n);
  }

  /** Sets a derived counter to a recomputed value (reconciliation); false when the site is unknown. */
  async setCounter(id: string, field: 'tributeCount' | 'martyrCount', value: number): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.sites.updateOne({ _id }, { $set: { [field]: value } });
    return result.matchedCount === 1;
  }

  private async increment(id: string, field: 'tributeCount' | 'martyrCount', n: number): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) return false;
    const result = await this.sites.updateOne({ _id }, { $inc: { [field]: n } });
    return result.matchedCount === 1;
  }

  private async bumpVersionStamp(): Promise<void> {
    await this.meta.updateOne({ _id: META_ID }, { $inc: { counter: 1 } }, { upsert: true });
  }
}
