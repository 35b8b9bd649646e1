import type { StatsDay, StatsReport } from '@/types/api';

/** One chart: a value per day, with the largest for scaling. */
export interface Series {
  key: string;
  title: string;
  values: Array<{ date: string; value: number }>;
  max: number;
  total: number;
}

const tributeTotal = (d: Omit<StatsDay, 'date'>) => (d.tributes ? d.tributes.flower + d.tributes.candle + d.tributes.bow + d.tributes.message : 0);
const sweepTotal = (d: Omit<StatsDay, 'date'>) => Object.values(d.sweeps ?? {}).reduce((a, b) => a + b, 0);

/** The charts a report supports, in a fixed order; sections the server left out are not drawn. */
export function seriesOf(report: StatsReport): Series[] {
  const defs: Array<{ key: string; title: string; section: StatsReport['included'][number]; value: (d: Omit<StatsDay, 'date'>) => number }> = [
    { key: 'bookings', title: '预约数', section: 'bookings', value: (d) => d.bookings ?? 0 },
    { key: 'checkIns', title: '签到数', section: 'bookings', value: (d) => d.checkIns ?? 0 },
    { key: 'tributes', title: '网上祭扫', section: 'tributes', value: tributeTotal },
    { key: 'sweeps', title: '代祭扫', section: 'sweeps', value: sweepTotal },
    { key: 'patrols', title: '巡查', section: 'patrols', value: (d) => d.patrols ?? 0 },
  ];
  return defs
    .filter((d) => report.included.includes(d.section))
    .map((d) => {
      const values = report.days.map((day) => ({ date: day.date, value: d.value(day) }));
      return { key: d.key, title: d.title, values, max: Math.max(0, ...values.map((v) => v.value)), total: d.value(report.totals) };
    });
}

/** Bar height in percent of the chart (a visible sliver for non-zero values). */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(4, Math.round((value / max) * 100));
}
