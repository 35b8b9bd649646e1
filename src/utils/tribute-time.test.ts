import { describe, expect, it } from 'vitest';
import { formatTributeTime } from './tribute-time';

describe('formatTributeTime', () => {
  const now = new Date('2025-04-04T10:00:00+08:00');
  it.each([
    ['2025-04-04T09:59:30+08:00', '刚刚'],
    ['2025-04-04T09:15:00+08:00', '45 分钟前'],
    ['2025-04-04T01:00:00+08:00', '9 小时前'],
    ['2025-04-03T08:00:00+08:00', '昨天'],
    ['2025-03-01T08:00:00+08:00', '3月1日'],
    ['2024-12-31T23:00:00+08:00', '2024年12月31日'],
  ])('shows %s as %s', (iso, text) => {
    expect(formatTributeTime(iso, now)).toBe(text);
  });
});
