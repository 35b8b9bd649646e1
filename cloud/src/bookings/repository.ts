import { ObjectId, type Collection, type Db } from 'mongodb';
import type { BookingChannel, BookingKind, BookingStatus } from '../contracts/bookings.js';
import { isDuplicateKey } from '../db/connection.js';
import { toObjectId } from '../db/ids.js';
import { idemKeyOf } from '../shared/idempotency.js';
import type { StoredPhone } from '../shared/phone.js';

export interface Booking {
  id: string;
  code: string;
  /** Whose booking it is for the one-per-day rule: `user:<id>` or, for assisted bookings, `phone:<hash>`. */
  ownerKey: string;
  /** The citizen who booked (absent for assisted bookings). */
  userId?: string;
  siteId: string;
  siteName: string;
  slotId: string;
  date: string;
  start: string;
  end: string;
  partySize: number;
  contactName: string;
  contactPhone: StoredPhone;
  organization?: string;
  kind: BookingKind;
  channel: BookingChannel;
  status: BookingStatus;
  /** Keyed hash of the request, compared on an Idempotency-Key replay. */
  fingerprint: string;
  cancelDeadline: Date;
  createdAt: Date;
  createdBy: { id: string; kind: 'citizen' | 'staff'; name?: string };
  updatedAt: Date;
  checkedInAt?: Date;
  checkedInBy?: { id: string; name?: string };
  cancelledAt?: Date;
  cancelledBy?: { id: string; kind: 'citizen' | 'staff'; name?: string };
  cancelReason?: string;
}

export type NewBooking = Omit<Booking, 'id' | 'status' | 'updatedAt'> & { id: string; idempotencyKey: string };

/**
 * Storage keys that make the multi-document rules hold without transactions (DESIGN.md section 3):
 * `idemKey` (`<caller>|<Idempotency-Key>`) is unique, so one key records one booking; `activeKey`
 * (`<owner>|<site>|<date>`) is unique while the booking is active and is replaced by a tombstone
 * unique to the booking (`cancelled|<id>`) when it is cancelled, so an owner holds at most one active
 * booking per site and day. No partial index is needed: every document has distinct values.
 */
interface BookingDoc extends Omit<Booking, 'id'> {
  _id: ObjectId;
  idemKey: string;
  activeKey: string;
}

const COLLECTION = 'bookings';
const ACTIVE: BookingStatus[] = ['booked', 'checked_in'];

export async function ensureBookingIndexes(db: Db): Promise<void> {
  const c = db.collection(COLLECTION);
  await c.createIndex({ code: 1 }, { name: 'bookings_code_unique', unique: true });
  await c.createIndex({ idemKey: 1 }, { name: 'bookings_idem_unique', unique: true });
  await c.createIndex({ activeKey: 1 }, { name: 'bookings_active_unique', unique: true });
  await c.createIndex({ userId: 1, _id: -1 }, { name: 'bookings_user' });
  await c.createIndex({ siteId: 1, date: 1, start: 1 }, { name: 'bookings_site_date' });
  await c.createIndex({ slotId: 1, status: 1 }, { name: 'bookings_slot_status' });
}

export function activeKeyOf(ownerKey: string, siteId: string, date: string): string {
  return `${ownerKey}|${siteId}|${date}`;
}

function toDomain(doc: BookingDoc): Booking {
  const { _id, idemKey: _idem, activeKey: _active, ...rest } = doc;
  return { id: _id.toHexString(), ...rest };
}

/** Which unique key an insert collided with. */
export type BookingDuplicate = 'idempotency' | 'active' | 'code';

function duplicateOf(error: unknown): BookingDuplicate | null {
  const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern;
  const text = `${Object.keys(pattern ?? {}).join(',')} ${String((error as { message?: unknown }).message ?? '')}`;
  if (/idemKey|bookings_idem_unique/.test(text)) return 'idempotency';
  if (/activeKey|bookings_active_unique/.test(text)) return 'active';
  if (/\bcode\b|bookings_code_unique/.test(text)) return 'code';
  return null;
}

export class BookingRepository {
  private readonly c: Collection<BookingDoc>;

  constructor(db: Db) {
    this.c = db.collection<BookingDoc>(COLLECTION);
  }

  /** A fresh id for a booking about to be recorded (the slot's seats are taken in its name). */
  newId(): string {
    return new ObjectId().toHexString();
  }

  /** Records a booking; `{duplicate}` names the unique key it collided with (nothing was written). */
  async insert(input: NewBooking, now: Date): Promise<{ booking: Booking } | { duplicate: BookingDuplicate }> {
    const { id, idempotencyKey, ...fields } = input;
    const doc: BookingDoc = {
      ...fields,
      _id: new ObjectId(id),
      status: 'booked',
      updatedAt: now,
      idemKey: idemKeyOf(input.createdBy.id, idempotencyKey),
      activeKey: activeKeyOf(input.ownerKey, input.siteId, input.date),
    };
    try {
      await this.c.insertOne(doc);
      return { booking: toDomain(doc) };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const which = duplicateOf(error);
      if (which) return { duplicate: which };
      // The server did not say which index: ask the data.
      if (await this.c.findOne({ idemKey: doc.idemKey }, { projection: { _id: 1 } })) return { duplicate: 'idempotency' };
      if (await this.c.findOne({ activeKey: doc.activeKey }, { projection: { _id: 1 } })) return { duplicate: 'active' };
      return { duplicate: 'code' };
    }
  }

  async findById(id: string): Promise<Booking | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.c.findOne({ _id });
    return doc ? toDomain(doc) : null;
  }

  async findByCode(code: string): Promise<Booking | null> {
    if (typeof code !== 'string') return null;
    const doc = await this.c.findOne({ code });
    return doc ? toDomain(doc) : null;
  }

  /** The booking a caller already recorded under this Idempotency-Key. */
  async findByIdempotencyKey(callerId: string, idempotencyKey: string): Promise<Booking | null> {
    const doc = await this.c.findOne({ idemKey: idemKeyOf(callerId, idempotencyKey) });
    return doc ? toDomain(doc) : null;
  }

  /**
   * The booking this caller already recorded under the Idempotency-Key, else the owner's active booking
   * at the site on the date (when `active` is given).
   */
  async findPrior(
    callerId: string,
    idempotencyKey: string,
    active?: { ownerKey: string; siteId: string; date: string },
  ): Promise<{ earlier: Booking | null; active: Booking | null }> {
    // Two equality lookups rather than one `$or`: FerretDB v1 answers `$or` by scanning the collection.
    const earlier = await this.c.findOne({ idemKey: idemKeyOf(callerId, idempotencyKey) });
    if (earlier || !active) return { earlier: earlier ? toDomain(earlier) : null, active: null };
    const current = await this.c.findOne({ activeKey: activeKeyOf(active.ownerKey, active.siteId, active.date) });
    return { earlier: null, active: current ? toDomain(current) : null };
  }

  /** The owner's active booking at the site on the date, if any. */
  async findActive(ownerKey: string, siteId: string, date: string): Promise<Booking | null> {
    const doc = await this.c.findOne({ activeKey: activeKeyOf(ownerKey, siteId, date) });
    return doc ? toDomain(doc) : null;
  }

  /** A citizen's bookings, newest first, after `beforeId` when paging. */
  async listByUser(userId: string, beforeId: string | undefined, limit: number): Promise<Booking[]> {
    const filter: Record<string, unknown> = { userId };
    if (beforeId) {
      const _id = toObjectId(beforeId);
      if (!_id) return [];
      filter._id = { $lt: _id };
    }
    const docs = await this.c.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    return docs.map(toDomain);
  }

  /** Every booking of a site on a date (any status), by slot then time of booking. */
  async listForSiteDate(siteId: string, date: string): Promise<Booking[]> {
    const docs = await this.c.find({ siteId, date }).sort({ start: 1, _id: 1 }).toArray();
    return docs.map(toDomain);
  }

  /**
   * Cancels a booking that is still `booked` (one conditional update), swapping its active key for a
   * tombstone so the owner may book that day again. Null when it was not `booked` any more.
   */
  async cancelIfBooked(id: string, change: { at: Date; by: NonNullable<Booking['cancelledBy']>; reason?: string }): Promise<Booking | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.c.findOneAndUpdate(
      { _id, status: 'booked' },
      {
        $set: {
          status: 'cancelled',
          activeKey: `cancelled|${id}`,
          cancelledAt: change.at,
          cancelledBy: change.by,
          updatedAt: change.at,
          ...(change.reason ? { cancelReason: change.reason } : {}),
        },
      },
      { returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }

  /** Checks a `booked` booking in (one conditional update); null when it was not `booked` any more. */
  async checkInIfBooked(id: string, at: Date, by: NonNullable<Booking['checkedInBy']>): Promise<Booking | null> {
    const _id = toObjectId(id);
    if (!_id) return null;
    const doc = await this.c.findOneAndUpdate(
      { _id, status: 'booked' },
      { $set: { status: 'checked_in', checkedInAt: at, checkedInBy: by, updatedAt: at } },
      { returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }

  /** Seats held by active (booked or checked-in) bookings, per slot; of one slot, or one site, or all. */
  async activeSeatsBySlot(scope: { slotId?: string; siteId?: string } = {}): Promise<Map<string, number>> {
    const match: Record<string, unknown> = { status: { $in: ACTIVE } };
    if (scope.slotId !== undefined) match.slotId = scope.slotId;
    if (scope.siteId !== undefined) match.siteId = scope.siteId;
    const rows = await this.c
      .aggregate<{ _id: string; seats: number }>([{ $match: match }, { $group: { _id: '$slotId', seats: { $sum: '$partySize' } } }])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.seats]));
  }

  /** Bookings per visit date and status from `from` to `to` (inclusive), over some sites or all (statistics). */
  async countByDate(from: string, to: string, siteIds?: readonly string[]): Promise<Array<{ date: string; status: BookingStatus; bookings: number; seats: number }>> {
    const match: Record<string, unknown> = { date: { $gte: from, $lte: to } };
    if (siteIds !== undefined) match.siteId = { $in: [...siteIds] };
    // One accumulator per $group: FerretDB v1 computes only the first of several (the others read 0).
    const group = (value: 1 | '$partySize') =>
      this.c
        .aggregate<{ _id: { date: string; status: BookingStatus }; n: number }>([{ $match: match }, { $group: { _id: { date: '$date', status: '$status' }, n: { $sum: value } } }])
        .toArray();
    const counts = await group(1);
    const seats = new Map((await group('$partySize')).map((r) => [`${r._id.date}|${r._id.status}`, r.n]));
    return counts.map((r) => ({ date: r._id.date, status: r._id.status, bookings: r.n, seats: seats.get(`${r._id.date}|${r._id.status}`) ?? 0 }));
  }
}
