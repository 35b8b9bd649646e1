import { z } from 'zod';
import { objectIdString, optionalText } from '../shared/schemas.js';
import { phoneSchema } from '../shared/phone.js';
import { isValidDate } from './dates.js';
import { CODE_ALPHABET, DEFAULT_RULES, normaliseCode, templateProblems } from './rules.js';

const objectId = objectIdString();
const date = z
  .string()
  .max(10)
  .refine((v) => isValidDate(v), '日期格式应为 YYYY-MM-DD');
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(TIME_PATTERN, '时间格式应为 HH:MM（24 小时制）');
/** zod runs the template's refinement even when a time failed its pattern; the rules need real times. */
const timesWellFormed = (slots: unknown): boolean =>
  !Array.isArray(slots) || slots.every((s: { start?: unknown; end?: unknown }) => typeof s?.start === 'string' && TIME_PATTERN.test(s.start) && typeof s.end === 'string' && TIME_PATTERN.test(s.end));

export const MAX_SLOT_CAPACITY = 5000;

const TemplateSlotSchema = z.object({
  start: time,
  end: time,
  capacity: z.number().int().min(1, '名额至少为 1').max(MAX_SLOT_CAPACITY),
});

const OverrideSchema = z.object({
  date,
  closed: z.boolean().optional(),
  slots: z.array(TemplateSlotSchema).max(48).optional(),
  note: optionalText(100),
});

export const SlotTemplateBody = z
  .object({
    weekdays: z.array(z.number().int().min(1).max(7)).max(7),
    slots: z.array(TemplateSlotSchema).max(48, '每天最多 48 个时段'),
    overrides: z.array(OverrideSchema).max(400).default([]),
    bookingWindowDays: z.number().int().min(0).max(90).default(DEFAULT_RULES.bookingWindowDays),
    cancelCutoffMinutes: z.number().int().min(0).max(7 * 24 * 60).default(DEFAULT_RULES.cancelCutoffMinutes),
    maxCompanions: z.number().int().min(0).max(20).default(DEFAULT_RULES.maxCompanions),
    group: z
      .object({
        minDaysAhead: z.number().int().min(0).max(90).default(DEFAULT_RULES.group.minDaysAhead),
        maxPartySize: z.number().int().min(2).max(MAX_SLOT_CAPACITY).default(DEFAULT_RULES.group.maxPartySize),
        windowDays: z.number().int().min(1).max(180).default(DEFAULT_RULES.group.windowDays),
      })
      .default({ ...DEFAULT_RULES.group }),
  })
  .superRefine((t, ctx) => {
    if (!timesWellFormed(t.slots) || !t.overrides.every((o) => timesWellFormed(o.slots))) return;
    for (const problem of templateProblems(t)) ctx.addIssue({ code: 'custom', path: problem.path.split('.'), message: problem.message });
    if (t.group.windowDays < t.group.minDaysAhead) {
      ctx.addIssue({ code: 'custom', path: ['group', 'windowDays'], message: '团体可预约天数不能少于须提前的天数' });
    }
  });
export type SlotTemplateInput = z.infer<typeof SlotTemplateBody>;

export const SiteIdParam = z.object({ id: objectId });
export const IdParam = z.object({ id: z.string().max(64) });

const kind = z.enum(['individual', 'group']).default('individual');

export const SlotsQuery = z.object({ date, kind });

export const CalendarQuery = z.object({
  kind,
  from: date.optional(),
  days: z.coerce.number().int().min(1).max(62).default(14),
});

export const DayQuery = z.object({ date });

export const BookingBody = z.object({
  slotId: z.string().min(1).max(64),
  partySize: z.number().int().min(1, '人数至少为 1').max(MAX_SLOT_CAPACITY),
  contactName: z.string().trim().min(1, '请填写联系人姓名').max(30, '姓名不能超过 30 个字'),
  contactPhone: phoneSchema,
  organization: optionalText(60),
});
export type BookingInput = z.infer<typeof BookingBody>;

const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{6,12}$`);

export const CheckInBody = z.object({
  code: z
    .string()
    .max(64)
    .transform(normaliseCode)
    .pipe(z.string().regex(CODE_RE, '预约码格式不正确')),
});

export const StaffCancelBody = z.object({
  reason: z.string().trim().min(1, '请填写取消原因').max(200),
});

export const MineQuery = z.object({
  cursor: objectId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const QrQuery = z.object({
  size: z.coerce.number().int().min(120).max(1024).default(360),
  exp: z.coerce.number().int().positive().optional(),
  sig: z.string().max(100).optional(),
});

export const ReconcileBody = z.object({
  siteId: objectId.optional(),
  fix: z.boolean().default(true),
});
