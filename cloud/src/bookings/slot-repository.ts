import type { Collection, Db, Filter } from 'mongodb';
import { isDuplicateKey } from '../db/connection.js';
import type { SlotSeats, StoredSlot } from './rules.js';

/**
 * A materialised slot. `remaining` is the one counter that sells seats: it only moves by atomic
 * conditional `$inc` (take) and `$inc` (give back), or by compare-and-set (template follow-up,
 * reconciliation). `changedAt` is stamped by every seat movement so that reconciliation can tell a
 * quiet slot from one with a booking in flight.
 */
interface SlotDoc {
  _id: string;
  siteId: string;
  date: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  open: boolean;
  templateVersion: number;
  createdAt: Date;
  changedAt: Date;
}

export interface SlotRecord extends StoredSlot {
  siteId: string;
  date: string;
  changedAt: Date;
}

export interface NewSlot {
  id: string;
  siteId: string;
  date: string;
  start: string;
  end: string;
  capacity: number;
  templateVersion: number;
}

const COLLECTION = 'booking_slots';

export async function ensureSlotIndexes(db: Db): Promise<void> {
  await db.collection(COLLECTION).createIndex({ siteId: 1, date: 1, start: 1 }, { name: 'booking_slots_site_date' });
}

function toDomain(doc: SlotDoc): SlotRecord {
  return {
    id: doc._id,
    siteId: doc.siteId,
    date: doc.date,
    start: doc.start,
    end: doc.end,
    capacity: doc.capacity,
    remaining: doc.remaining,
    open: doc.open,
    templateVersion: doc.templateVersion,
    changedAt: doc.changedAt,
  };
}

export class SlotRepository {
  private readonly c: Collection<SlotDoc>;

  constructor(db: Db) {
    this.c = db.collection<SlotDoc>(COLLECTION);
  }

  async findById(id: string): Promise<SlotRecord | null> {
    if (typeof id !== 'string') return null;
    const doc = await this.c.findOne({ _id: id });
    return doc ? toDomain(doc) : null;
  }

  /** The stored slot, created from `slot` with every seat free if it does not exist yet (idempotent upsert). */
  async materialise(slot: NewSlot, now: Date): Promise<SlotRecord> {
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.c.findOneAndUpdate(
          { _id: slot.id },
          {
            $setOnInsert: {
              siteId: slot.siteId,
              date: slot.date,
              start: slot.start,
              end: slot.end,
              capacity: slot.capacity,
              remaining: slot.capacity,
              open: true,
              templateVersion: slot.templateVersion,
              createdAt: now,
              changedAt: now,
            },
          },
          { upsert: true, returnDocument: 'after' },
        );
        if (doc) return toDomain(doc);
      } catch (error) {
        // Two first bookings racing on a real MongoDB: the loser's upsert collides and then reads.
        if (!(isDuplicateKey(error) && attempt < 2)) throw error;
      }
    }
  }

  /**
   * Takes `n` seats in one atomic conditional update: only an open slot with at least `n` seats left
   * matches. Null when it did not (full, closed or unknown): nothing was taken.
   */
  async takeSeats(id: string, n: number, now: Date): Promise<SlotRecord | null> {
    const doc = await this.c.findOneAndUpdate(
      { _id: id, open: true, remaining: { $gte: n } },
      { $inc: { remaining: -n }, $set: { changedAt: now } },
      { returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }

  /** Returns `n` seats (a booking that was not recorded, or was cancelled). */
  async giveBackSeats(id: string, n: number, now: Date): Promise<SlotRecord | null> {
    const doc = await this.c.findOneAndUpdate({ _id: id }, { $inc: { remaining: n }, $set: { changedAt: now } }, { returnDocument: 'after' });
    return doc ? toDomain(doc) : null;
  }

  /** Marks a seat movement about to happen elsewhere (a cancel), so reconciliation leaves the slot alone meanwhile. */
  async touch(id: string, now: Date): Promise<void> {
    await this.c.updateOne({ _id: id }, { $set: { changedAt: now } });
  }

  /**
   * Moves a slot to follow template `version` if its seats are still exactly `seen` (compare-and-set,
   * so a booking taken meanwhile is never overwritten). False when the slot moved: read and retry.
   */
  async followIfUnchanged(
    seen: Pick<SlotRecord, 'id' | 'capacity' | 'remaining' | 'templateVersion'>,
    next: SlotSeats & { end: string },
    version: number,
  ): Promise<boolean> {
    const result = await this.c.updateOne(
      { _id: seen.id, capacity: seen.capacity, remaining: seen.remaining, templateVersion: seen.templateVersion },
      { $set: { capacity: next.capacity, remaining: next.remaining, open: next.open, end: next.end, templateVersion: version } },
    );
    return result.matchedCount === 1;
  }

  /** Sets `remaining` if neither it nor `changedAt` moved since they were read (reconciliation). */
  async setRemainingIfQuiet(seen: Pick<SlotRecord, 'id' | 'remaining' | 'changedAt'>, remaining: number): Promise<boolean> {
    const result = await this.c.updateOne({ _id: seen.id, remaining: seen.remaining, changedAt: seen.changedAt }, { $set: { remaining } });
    return result.matchedCount === 1;
  }

  async listForDate(siteId: string, date: string): Promise<SlotRecord[]> {
    if (typeof siteId !== 'string' || typeof date !== 'string') return [];
    const docs = await this.c.find({ siteId, date }).sort({ start: 1 }).toArray();
    return docs.map(toDomain);
  }

  /** Stored slots of a site with `from` ≤ date ≤ `to` (`to` omitted: no end). */
  async listForRange(siteId: string, from: string, to?: string): Promise<SlotRecord[]> {
    if (typeof siteId !== 'string') return [];
    const date: Record<string, string> = { $gte: from };
    if (to !== undefined) date.$lte = to;
    const docs = await this.c.find({ siteId, date } as Filter<SlotDoc>).sort({ date: 1, start: 1 }).toArray();
    return docs.map(toDomain);
  }

  /** Every stored slot (of one site when given), in id order, for reconciliation. */
  async *all(siteId?: string): AsyncGenerator<SlotRecord> {
    const cursor = this.c.find(siteId ? { siteId } : {}).sort({ _id: 1 });
    for await (const doc of cursor) yield toDomain(doc);
  }
}
