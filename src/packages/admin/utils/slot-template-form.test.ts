import { describe, expect, it } from 'vitest';
import type { SlotTemplateView } from '@/types/api';
import { defaultForm, formFromTemplate, nextSlot, slotTemplateProblems, templateBody, type SlotTemplateForm } from './slot-template-form';

const STORED: SlotTemplateView = {
  siteId: 's1',
  weekdays: [6, 7],
  slots: [{ start: '09:00', end: '10:00', capacity: 30 }],
  overrides: [{ date: '2026-04-04', slots: [{ start: '08:00', end: '09:00', capacity: 100 }], note: '清明' }, { date: '2026-04-06', closed: true }],
  bookingWindowDays: 14,
  cancelCutoffMinutes: 120,
  maxCompanions: 2,
  group: { minDaysAhead: 3, maxPartySize: 40, windowDays: 20 },
  version: 3,
  updatedAt: '2026-03-01T00:00:00Z',
};

const form = (change: Partial<SlotTemplateForm> = {}): SlotTemplateForm => ({ ...defaultForm(), ...change });

describe('slot template form', () => {
  it('round-trips a stored template into the PUT body, keeping the rules the screen does not edit', () => {
    const body = templateBody(formFromTemplate(STORED), STORED);
    expect(body).toEqual({
      weekdays: [6, 7],
      slots: [{ start: '09:00', end: '10:00', capacity: 30 }],
      overrides: [
        { date: '2026-04-04', slots: [{ start: '08:00', end: '09:00', capacity: 100 }], note: '清明' },
        { date: '2026-04-06', closed: true },
      ],
      bookingWindowDays: 14,
      cancelCutoffMinutes: 120,
      maxCompanions: 2,
      group: { minDaysAhead: 3, maxPartySize: 40, windowDays: 20 },
    });
    expect(slotTemplateProblems(formFromTemplate(STORED))).toEqual([]);
  });

  it('a new template sends slots sorted by time and leaves companions and group rules to the server', () => {
    const body = templateBody(form({ slots: [{ start: '14:00', end: '15:00', capacity: ' 20 ' }, { start: '09:00', end: '10:00', capacity: '10' }] }), null);
    expect(body.slots.map((s) => s.start)).toEqual(['09:00', '14:00']);
    expect(body.slots[1]!.capacity).toBe(20);
    expect(body).not.toHaveProperty('group');
    expect(body).not.toHaveProperty('maxCompanions');
  });

  it('names the slot and the rule for bad times, end before start, overlaps and capacities', () => {
    const problems = slotTemplateProblems(
      form({
        slots: [
          { start: '9:00', end: '10:00', capacity: '10' },
          { start: '10:00', end: '09:30', capacity: '10' },
          { start: '11:00', end: '12:00', capacity: '0' },
          { start: '11:30', end: '12:30', capacity: '10' },
        ],
      }),
    );
    expect(problems).toEqual([
      { path: 'slots.0.start', message: '第 1 个时段：开始时间应为 HH:MM（24 小时制）' },
      { path: 'slots.1.end', message: '第 2 个时段：结束时间须晚于开始时间' },
      { path: 'slots.2.capacity', message: '第 3 个时段：名额应为 1–5000 的整数' },
      { path: 'slots.3.start', message: '第 4 个时段与第 3 个时段重叠' },
    ]);
  });

  it('checks special dates: real date, one per date, closed or with slots', () => {
    const problems = slotTemplateProblems(
      form({
        overrides: [
          { date: '2026-02-30', closed: true, slots: [], note: '' },
          { date: '2026-04-04', closed: false, slots: [], note: '' },
          { date: '2026-04-04', closed: true, slots: [], note: '' },
        ],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['overrides.0.date', 'overrides.1', 'overrides.2.date']);
    expect(problems[1]!.message).toBe('特殊日期 2026-04-04：请设置时段，或标记为闭馆');
  });

  it('bounds the booking window and the cut-off, and wants slots when days are open', () => {
    const problems = slotTemplateProblems(form({ slots: [], bookingWindowDays: '91', cancelCutoffMinutes: 'x' }));
    expect(problems.map((p) => p.path)).toEqual(['slots', 'bookingWindowDays', 'cancelCutoffMinutes']);
  });

  it('suggests the next slot after the last one, as long and as large', () => {
    expect(nextSlot([{ start: '09:00', end: '10:30', capacity: '40' }])).toEqual({ start: '10:30', end: '12:00', capacity: '40' });
    expect(nextSlot([])).toEqual({ start: '09:00', end: '10:00', capacity: '50' });
  });
});
