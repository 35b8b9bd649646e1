import type { StatsDay, StatsReport } from '../contracts/admin.js';
import { STATS_MAX_DAYS } from '../contracts/admin.js';
import { AppError, forbidden } from '../errors.js';
import { assertSiteAccess, hasRole, MANAGER_ROLES } from '../http/auth.js';
import type { AppContext, Caller } from '../http/context.js';
import type { SiteService } from '../sites/service.js';
import { addDays, daysBetween, shanghaiDate } from './days.js';
import type { StatsSource } from './sources.js';

export interface StatsQuery {
  from?: string;
  to?: string;
  siteId?: string;
}

/** Adds up the days into totals (sections absent from the days stay absent). */
export function totalsOf(days: readonly StatsDay[]): Omit<StatsDay, 'date'> {
  const totals: Record<string, unknown> = {};
  for (const day of days) {
    for (const [key, value] of Object.entries(day)) {
      if (key === 'date') continue;
      if (typeof value === 'number') totals[key] = ((totals[key] as number | undefined) ?? 0) + value;
      else if (value && typeof value === 'object') {
        const into = (totals[key] ??= {}) as Record<string, number>;
        for (const [k, n] of Object.entries(value as Record<string, number>)) into[k] = (into[k] ?? 0) + n;
      }
    }
  }
  return totals as Omit<StatsDay, 'date'>;
}

/** The date range asked for, defaulting to the 30 days up to today (Shanghai); 400 when reversed or too long. */
export function resolveRange(query: StatsQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? shanghaiDate(now);
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', { details: [{ path: 'from', message: '开始日期晚于结束日期' }] });
  if (daysBetween(from, to).length > STATS_MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', `一次最多统计 ${STATS_MAX_DAYS} 天`, { details: [{ path: 'to', message: `范围超过 ${STATS_MAX_DAYS} 天` }] });
  }
  return { from, to };
}

/**
 * Per-day statistics for one site or city-wide: bookings and check-ins, tributes by kind, proxy sweeps
 * by status, patrols. Admins see any site and the whole city; site managers their own sites (all of
 * them together when no site is named).
 */
export class StatisticsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly sites: SiteService,
    private readonly sources: readonly StatsSource[],
  ) {}

  async report(caller: Caller, query: StatsQuery): Promise<StatsReport> {
    if (!hasRole(caller, MANAGER_ROLES)) throw forbidden('无权查看统计');
    const { from, to } = resolveRange(query, this.ctx.now());
    let siteIds: string[] | undefined;
    if (query.siteId !== undefined) {
      const site = await this.sites.getSite(query.siteId);
      assertSiteAccess(caller, site.id, MANAGER_ROLES);
      siteIds = [site.id];
    } else if (!hasRole(caller, ['admin'])) {
      siteIds = caller.siteIds;
    }
    const days = new Map(daysBetween(from, to).map((date) => [date, { date } as StatsDay]));
    for (const source of this.sources) await source.fill(days, from, to, siteIds);
    const list = [...days.values()];
    return {
      from,
      to,
      ...(query.siteId ? { siteId: query.siteId } : {}),
      included: this.sources.map((s) => s.section),
      days: list,
      totals: totalsOf(list),
    };
  }
}
