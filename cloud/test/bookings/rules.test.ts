import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isValidDate, shanghaiDate, shanghaiInstant, weekdayOf } from '../../src/bookings/dates.js';
import {
  bookingFingerprint,
  bookingTimingProblem,
  canCancelAt,
  cancelDeadline,
  CODE_ALPHABET,
  dayPlan,
  dayStatus,
  DEFAULT_RULES,
  followTemplate,
  newBookingCode,
  normaliseCode,
  parseSlotId,
  partyProblem,
  slotIdOf,
  slotViews,
  templateConflicts,
  templateProblems,
  type StoredSlot,
} from '../../src/bookings/rules.js';

const SITE = '65f000000000000000000001';
const weekly = {
  weekdays: [2, 3, 4, 5, 6, 7],
  slots: [
    { start: '08:30', end: '10:00', capacity: 20 },
    { start: '10:00', end: '11:30', capacity: 30 },
  ],
  overrides: [
    { date: '2025-04-04', slots: [{ start: '07:00', end: '09:00', capacity: 200 }], note: '清明高峰' },
    { date: '2025-04-06', closed: true },
  ],
};

describe('Shanghai dates', () => {
  it('takes the calendar date in UTC+8, so 16:30 UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2025-04-03T16:30:00Z'))).toBe('2025-04-04');
    expect(shanghaiDate(new Date('2025-04-03T15:59:00Z'))).toBe('2025-04-03');
  });

  it('adds days across months and years and counts days between dates', () => {
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2025-04-01', '2025-04-06')).toBe(5);
    expect(daysBetween('2025-04-06', '2025-04-01')).toBe(-5);
  });

  it('numbers weekdays 1 = Monday … 7 = Sunday', () => {
    expect(weekdayOf('2025-04-07')).toBe(1);
    expect(weekdayOf('2025-04-06')).toBe(7);
  });

  it('turns a Shanghai wall-clock time into the instant 8 hours earlier in UTC', () => {
    expect(shanghaiInstant('2025-04-04', '08:30').toISOString()).toBe('2025-04-04T00:30:00.000Z');
  });

  it('rejects dates that do not exist', () => {
    expect(isValidDate('2025-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2025-4-4')).toBe(false);
  });
});

describe('dayPlan', () => {
  it('uses the weekly slots on a visiting weekday', () => {
    expect(dayPlan(weekly, '2025-04-08')).toEqual({ closed: false, slots: weekly.slots });
  });

  it('is closed on a weekday the site does not open (Monday here)', () => {
    expect(dayPlan(weekly, '2025-04-07')).toEqual({ closed: true, slots: [] });
  });

  it('takes a peak override with its own slots and note', () => {
    const plan = dayPlan(weekly, '2025-04-04');
    expect(plan.slots).toEqual([{ start: '07:00', end: '09:00', capacity: 200 }]);
    expect(plan.note).toBe('清明高峰');
  });

  it('closes an overridden closed date even on a visiting weekday', () => {
    expect(dayPlan(weekly, '2025-04-06')).toEqual({ closed: true, slots: [] });
  });
});

describe('slot ids', () => {
  it('are deterministic and parse back to site, date and start', () => {
    const id = slotIdOf(SITE, '2025-04-04', '07:00');
    expect(id).toBe(`${SITE}_20250404_0700`);
    expect(parseSlotId(id)).toEqual({ siteId: SITE, date: '2025-04-04', start: '07:00' });
  });

  it('refuse anything else, including impossible dates and times', () => {
    expect(parseSlotId('nope')).toBeNull();
    expect(parseSlotId(`${SITE}_20250230_0700`)).toBeNull();
    expect(parseSlotId(`${SITE}_20250404_2500`)).toBeNull();
    expect(parseSlotId(`${SITE}_20250404_0700_x`)).toBeNull();
  });
});

describe('followTemplate (a stored slot after a template change)', () => {
  it('keeps booked seats when the capacity grows', () => {
    expect(followTemplate({ capacity: 20, remaining: 5 }, { start: '08:30', end: '10:00', capacity: 30 })).toEqual({ capacity: 30, remaining: 15, open: true });
  });

  it('never drops the capacity below the booked seats', () => {
    expect(followTemplate({ capacity: 20, remaining: 5 }, { start: '08:30', end: '10:00', capacity: 10 })).toEqual({ capacity: 15, remaining: 0, open: true });
  });

  it('withdraws a removed slot with exactly its booked seats and nothing left to sell', () => {
    expect(followTemplate({ capacity: 20, remaining: 12 }, undefined)).toEqual({ capacity: 8, remaining: 0, open: false });
  });
});

describe('templateConflicts', () => {
  const stored = [
    { id: 'a', date: '2025-04-08', start: '08:30', capacity: 20, remaining: 5 },
    { id: 'b', date: '2025-04-09', start: '10:00', capacity: 30, remaining: 30 },
    { id: 'c', date: '2025-04-01', start: '08:30', capacity: 20, remaining: 0 },
  ];

  it('lists future slots whose booked seats the new template would not hold', () => {
    const next = { ...weekly, slots: [{ start: '08:30', end: '10:00', capacity: 10 }] };
    expect(templateConflicts(next, stored, '2025-04-05')).toEqual([{ slotId: 'a', date: '2025-04-08', start: '08:30', bookedSeats: 15, newCapacity: 10 }]);
  });

  it('counts a closed date or a removed slot as capacity 0, and ignores empty and past slots', () => {
    const next = { ...weekly, overrides: [{ date: '2025-04-08', closed: true }] };
    expect(templateConflicts(next, stored, '2025-04-05').map((c) => c.slotId)).toEqual(['a']);
    expect(templateConflicts({ ...weekly, slots: [] }, stored, '2025-04-05').map((c) => c.newCapacity)).toEqual([0]);
  });

  it('finds nothing when every booked seat still fits', () => {
    expect(templateConflicts(weekly, stored, '2025-04-05')).toEqual([]);
  });
});

describe('templateProblems', () => {
  it('accepts a well-formed template', () => {
    expect(templateProblems(weekly)).toEqual([]);
  });

  it('flags an end before the start, overlapping slots and repeated weekdays', () => {
    const problems = templateProblems({
      weekdays: [1, 1],
      slots: [
        { start: '10:00', end: '09:00', capacity: 5 },
        { start: '08:00', end: '10:30', capacity: 5 },
      ],
      overrides: [],
    });
    expect(problems.map((p) => p.path).sort()).toEqual(['slots.0.end', 'slots.0.start', 'weekdays']);
  });

  it('flags a date overridden twice and an override that is neither closed nor has slots', () => {
    const problems = templateProblems({ weekdays: [], slots: [], overrides: [{ date: '2025-04-04', closed: true }, { date: '2025-04-04' }] });
    expect(problems.map((p) => p.path)).toEqual(['overrides.1.date', 'overrides.1']);
  });
});

describe('booking rules', () => {
  const now = new Date('2025-04-01T02:00:00Z'); // 10:00 in Shanghai on 2025-04-01

  it('lets an individual book today (until the slot ends) up to the window, and no further', () => {
    expect(bookingTimingProblem({ date: '2025-04-01', end: '11:00' }, 'individual', DEFAULT_RULES, now)).toBeNull();
    expect(bookingTimingProblem({ date: '2025-04-01', end: '10:00' }, 'individual', DEFAULT_RULES, now)).toMatch(/已结束/);
    expect(bookingTimingProblem({ date: '2025-04-08', end: '10:00' }, 'individual', DEFAULT_RULES, now)).toBeNull();
    expect(bookingTimingProblem({ date: '2025-04-09', end: '10:00' }, 'individual', DEFAULT_RULES, now)).toMatch(/7 天以内/);
    expect(bookingTimingProblem({ date: '2025-03-31', end: '23:00' }, 'individual', DEFAULT_RULES, now)).toMatch(/已结束/);
  });

  it('makes groups book at least 5 days ahead and at most 30', () => {
    expect(bookingTimingProblem({ date: '2025-04-05', end: '10:00' }, 'group', DEFAULT_RULES, now)).toMatch(/提前 5 天/);
    expect(bookingTimingProblem({ date: '2025-04-06', end: '10:00' }, 'group', DEFAULT_RULES, now)).toBeNull();
    expect(bookingTimingProblem({ date: '2025-05-02', end: '10:00' }, 'group', DEFAULT_RULES, now)).toMatch(/30 天/);
  });

  it('caps an individual party at 1 + 4 companions and a group at its maximum', () => {
    expect(partyProblem(5, 'individual', DEFAULT_RULES)).toBeNull();
    expect(partyProblem(6, 'individual', DEFAULT_RULES)).toMatch(/最多 5 人/);
    expect(partyProblem(50, 'group', DEFAULT_RULES)).toBeNull();
    expect(partyProblem(51, 'group', DEFAULT_RULES)).toMatch(/最多 50 人/);
    expect(partyProblem(3, 'individual', { ...DEFAULT_RULES, maxCompanions: 1 })).toMatch(/最多 2 人/);
  });

  it('closes cancelling the cut-off before the slot starts, and only for booked visits', () => {
    const deadline = cancelDeadline('2025-04-04', '08:30', 60);
    expect(deadline.toISOString()).toBe('2025-04-03T23:30:00.000Z');
    expect(canCancelAt('booked', deadline, new Date('2025-04-03T23:29:59Z'))).toBe(true);
    expect(canCancelAt('booked', deadline, new Date('2025-04-03T23:30:00Z'))).toBe(false);
    expect(canCancelAt('checked_in', deadline, now)).toBe(false);
  });
});

describe('slotViews and dayStatus', () => {
  const now = new Date('2025-04-08T02:00:00Z'); // 10:00 Shanghai
  const plan = dayPlan(weekly, '2025-04-08');
  const stored = (start: string, capacity: number, remaining: number, templateVersion: number, open = true): StoredSlot => ({
    id: slotIdOf(SITE, '2025-04-08', start),
    start,
    end: start === '08:30' ? '10:00' : start === '10:00' ? '11:30' : '12:00',
    capacity,
    remaining,
    open,
    templateVersion,
  });

  it('shows never-booked slots at full capacity and ended slots as closed', () => {
    const views = slotViews(SITE, '2025-04-08', plan, 1, [], now);
    expect(views).toEqual([
      { id: `${SITE}_20250408_0830`, start: '08:30', end: '10:00', capacity: 20, remaining: 20, open: false },
      { id: `${SITE}_20250408_1000`, start: '10:00', end: '11:30', capacity: 30, remaining: 30, open: true },
    ]);
    expect(dayStatus(plan, views, true)).toBe('open');
  });

  it('brings a slot stored under an older template up to date without losing booked seats', () => {
    const views = slotViews(SITE, '2025-04-08', plan, 2, [stored('10:00', 10, 0, 1)], now);
    expect(views[1]).toMatchObject({ capacity: 30, remaining: 20 });
  });

  it('reports a day whose bookable slots have no seat left as full', () => {
    const views = slotViews(SITE, '2025-04-08', plan, 1, [stored('10:00', 30, 0, 1)], now);
    expect(dayStatus(plan, views, true)).toBe('full');
    expect(dayStatus(plan, views, false)).toBe('unavailable');
  });

  it('shows withdrawn slots that still hold bookings only when asked (the staff day sheet)', () => {
    const extra = stored('11:30', 4, 0, 1, false);
    expect(slotViews(SITE, '2025-04-08', plan, 1, [extra], now)).toHaveLength(2);
    expect(slotViews(SITE, '2025-04-08', plan, 1, [extra], now, true).map((v) => v.start)).toEqual(['08:30', '10:00', '11:30']);
  });
});

describe('fingerprints and codes', () => {
  const key = Buffer.alloc(32, 1);
  const input = { slotId: 's', partySize: 2, contactName: '张三', contactPhone: '13812345678' };

  it('gives the same request the same fingerprint and a changed one another', () => {
    expect(bookingFingerprint(input, key)).toBe(bookingFingerprint({ ...input, contactName: ' 张三 ' }, key));
    expect(bookingFingerprint(input, key)).not.toBe(bookingFingerprint({ ...input, partySize: 3 }, key));
    expect(bookingFingerprint(input, key)).not.toContain('13812345678');
  });

  it('makes 8-symbol codes from an alphabet without look-alikes, and reads them back loosely', () => {
    const codes = new Set(Array.from({ length: 500 }, newBookingCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(normaliseCode(' ab3d-ef9h ')).toBe('AB3DEF9H');
  });
});
