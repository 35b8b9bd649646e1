/** A tribute's time as people say it: 刚刚, N 分钟前, N 小时前, 昨天, or the date (Asia/Shanghai). */
export function formatTributeTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const seconds = Math.max(0, (now.getTime() - at.getTime()) / 1000);
  if (seconds < 60) return '刚刚';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} 小时前`;
  // Calendar dates in China Standard Time (UTC+8, no daylight saving).
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const yesterday = new Date(now.getTime() - 86400 * 1000);
  if (day(at) === day(yesterday)) return '昨天';
  const [y, m, d] = day(at).split('-');
  return day(at).slice(0, 4) === day(now).slice(0, 4) ? `${Number(m)}月${Number(d)}日` : `${y}年${Number(m)}月${Number(d)}日`;
}
