import type { BookingRulesView, BookingStatus, CalendarDay, DayStatus } from '@/types/api';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Today (or `days` later) as YYYY-MM-DD in Asia/Shanghai, whatever the phone's time zone. */
export function bookingDate(now: Date, days = 0): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一 … 周日 of a YYYY-MM-DD date. */
export function weekdayLabel(date: string): string {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** "4月4日 周五" */
export function dateLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${weekdayLabel(date)}`;
}

export const DAY_STATUS_LABELS: Record<DayStatus, string> = {
  open: '可约',
  full: '约满',
  closed: '闭馆',
  unavailable: '不可约',
};

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '待参观',
  checked_in: '已入园',
  cancelled: '已取消',
};

/** Calendar cells: weeks from Monday, with `null` where the month grid has no day of the range. */
export function calendarWeeks(days: readonly CalendarDay[]): Array<Array<CalendarDay | null>> {
  if (days.length === 0) return [];
  const first = new Date(`${days[0]!.date}T00:00:00Z`).getUTCDay();
  const lead = (first + 6) % 7; // Monday = 0
  const cells: Array<CalendarDay | null> = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<CalendarDay | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** A mainland mobile number (as the server checks it). */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.replace(/[\s-]/g, ''));
}

export interface BookingDraft {
  partySize: number;
  contactName: string;
  contactPhone: string;
  organization: string;
  group: boolean;
}

/** What still stops the form from being sent, first problem first (the server checks again). */
export function draftProblems(draft: BookingDraft, rules: BookingRulesView): string[] {
  const problems: string[] = [];
  const max = draft.group ? rules.group.maxPartySize : rules.maxIndividualParty;
  if (draft.partySize < 1) problems.push('人数至少为 1');
  if (draft.partySize > max) {
    problems.push(draft.group ? `团体预约每次最多 ${max} 人` : `个人预约最多 ${max} 人（本人及 ${max - 1} 名同行者），人数更多请选择团体预约`);
  }
  if (draft.group && !draft.organization.trim()) problems.push('请填写单位名称');
  if (!draft.contactName.trim()) problems.push('请填写联系人姓名');
  if (!isMobile(draft.contactPhone)) problems.push('请填写正确的手机号码');
  return problems;
}
