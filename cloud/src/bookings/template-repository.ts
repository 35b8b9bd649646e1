import type { Collection, Db } from 'mongodb';
import type { GroupRules, TemplateOverride, TemplateSlot } from '../contracts/bookings.js';
import { isDuplicateKey } from '../db/connection.js';
import type { SlotTemplate } from './rules.js';

interface TemplateDoc {
  /** The site id: one template per site. */
  _id: string;
  weekdays: number[];
  slots: TemplateSlot[];
  overrides: TemplateOverride[];
  bookingWindowDays: number;
  cancelCutoffMinutes: number;
  maxCompanions: number;
  group: GroupRules;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

const COLLECTION = 'slot_templates';

function toDomain(doc: TemplateDoc): SlotTemplate {
  return {
    siteId: doc._id,
    weekdays: doc.weekdays,
    slots: doc.slots,
    overrides: doc.overrides ?? [],
    bookingWindowDays: doc.bookingWindowDays,
    cancelCutoffMinutes: doc.cancelCutoffMinutes,
    maxCompanions: doc.maxCompanions,
    group: doc.group,
    version: doc.version,
    updatedAt: doc.updatedAt,
  };
}

export type TemplateContent = Omit<SlotTemplate, 'siteId' | 'version' | 'updatedAt'>;

/** Slot templates (collection `slot_templates`, keyed by site id). */
export class SlotTemplateRepository {
  private readonly c: Collection<TemplateDoc>;

  constructor(db: Db) {
    this.c = db.collection<TemplateDoc>(COLLECTION);
  }

  async findBySite(siteId: string): Promise<SlotTemplate | null> {
    if (typeof siteId !== 'string') return null;
    const doc = await this.c.findOne({ _id: siteId });
    return doc ? toDomain(doc) : null;
  }

  /**
   * Writes the template if the stored version is still `expectedVersion` (0 = there is none yet),
   * bumping the version. Null when someone else saved in between.
   */
  async saveIfVersion(siteId: string, expectedVersion: number, content: TemplateContent, by: string, now: Date): Promise<SlotTemplate | null> {
    const fields = {
      weekdays: content.weekdays,
      slots: content.slots,
      overrides: content.overrides,
      bookingWindowDays: content.bookingWindowDays,
      cancelCutoffMinutes: content.cancelCutoffMinutes,
      maxCompanions: content.maxCompanions,
      group: content.group,
      updatedAt: now,
      updatedBy: by,
    };
    if (expectedVersion === 0) {
      try {
        await this.c.insertOne({ _id: siteId, ...fields, version: 1 });
        return toDomain({ _id: siteId, ...fields, version: 1 });
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
    }
    const doc = await this.c.findOneAndUpdate(
      { _id: siteId, version: expectedVersion },
      { $set: fields, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    return doc ? toDomain(doc) : null;
  }
}
