import type { StatsDay, StatsReport } from '../contracts/admin.js';
import { SWEEP_STATUSES } from '../contracts/proxy-sweeps.js';

const TRIBUTE_LABELS = { flower: '献花', candle: '点烛', bow: '鞠躬', message: '寄语' } as const;
const SWEEP_LABELS: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '进行中',
  completed: '已完成',
  confirmed: '家属已确认',
  rejected: '已拒绝',
  cancelled: '已取消',
};

interface Column {
  title: string;
  value(day: Omit<StatsDay, 'date'>): number | undefined;
}

function columns(report: StatsReport): Column[] {
  const cols: Column[] = [];
  if (report.included.includes('bookings')) {
    cols.push({ title: '预约数', value: (d) => d.bookings }, { title: '预约人数', value: (d) => d.visitors }, { title: '签到数', value: (d) => d.checkIns });
  }
  if (report.included.includes('tributes')) {
    for (const [kind, title] of Object.entries(TRIBUTE_LABELS)) cols.push({ title, value: (d) => d.tributes?.[kind as keyof typeof TRIBUTE_LABELS] });
  }
  if (report.included.includes('sweeps')) {
    for (const status of SWEEP_STATUSES) cols.push({ title: `代祭扫-${SWEEP_LABELS[status]}`, value: (d) => d.sweeps?.[status] });
  }
  if (report.included.includes('patrols')) cols.push({ title: '巡查次数', value: (d) => d.patrols });
  return cols;
}

/**
 * The report as CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese headers), one row per day
 * and a totals row. Every cell is a date, a number or a fixed title, so nothing needs quoting.
 */
export function statsToCsv(report: StatsReport): string {
  const cols = columns(report);
  const line = (first: string, d: Omit<StatsDay, 'date'>) => [first, ...cols.map((c) => String(c.value(d) ?? 0))].join(',');
  const rows = [['日期', ...cols.map((c) => c.title)].join(','), ...report.days.map((d) => line(d.date, d)), line('合计', report.totals)];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
