import { describe, expect, it } from 'vitest';
import type { BookingRulesView, CalendarDay } from '@/types/api';
import { bookingDate, calendarWeeks, dateLabel, draftProblems } from './booking-format';
import { newIdempotencyKey } from './idempotency-key';

const RULES: BookingRulesView = { bookingWindowDays: 7, cancelCutoffMinutes: 60, maxIndividualParty: 5, group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 } };

describe('booking-format', () => {
  it('takes dates in Shanghai time and labels them in Chinese', () => {
    expect(bookingDate(new Date('2025-04-03T16:30:00Z'))).toBe('2025-04-04');
    expect(bookingDate(new Date('2025-04-03T16:30:00Z'), 2)).toBe('2025-04-06');
    expect(dateLabel('2025-04-04')).toBe('4月4日 周五');
  });

  it('lays days out in Monday-first weeks with blanks around the range', () => {
    const days: CalendarDay[] = ['2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06', '2025-04-07'].map((date) => ({ date, status: 'open', capacity: 1, remaining: 1 }));
    const weeks = calendarWeeks(days);
    expect(weeks).toHaveLength(2);
    expect(weeks[0]!.map((d) => d?.date ?? null)).toEqual([null, null, null, '2025-04-03', '2025-04-04', '2025-04-05', '2025-04-06']);
    expect(weeks[1]!.map((d) => d?.date ?? null)).toEqual(['2025-04-07', null, null, null, null, null, null]);
  });

  it('makes distinct idempotency keys the server accepts', () => {
    const a = newIdempotencyKey('bk');
    expect(a).toMatch(/^bk-[A-Za-z0-9_.:-]{8,100}$/);
    expect(newIdempotencyKey('bk')).not.toBe(a);
  });

  it('explains what the form still needs, party caps first', () => {
    const ok = { partySize: 2, contactName: '张三', contactPhone: '13812345678', organization: '', group: false };
    expect(draftProblems(ok, RULES)).toEqual([]);
    expect(draftProblems({ ...ok, partySize: 6 }, RULES)[0]).toMatch(/最多 5 人/);
    expect(draftProblems({ ...ok, partySize: 30, group: true }, RULES)).toEqual(['请填写单位名称']);
    expect(draftProblems({ ...ok, contactPhone: '1234' }, RULES)).toEqual(['请填写正确的手机号码']);
  });
});
