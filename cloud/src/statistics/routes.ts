import { Router } from 'express';
import { z } from 'zod';
import { assertCaller, requireRole, MANAGER_ROLES } from '../http/auth.js';
import { parse } from '../http/validate.js';
import { statsToCsv } from './csv.js';
import { isCalendarDate } from './days.js';
import type { StatisticsService } from './service.js';

const date = z.string().refine(isCalendarDate, '日期格式应为 YYYY-MM-DD');

const StatsQueryParams = z.object({
  from: date.optional(),
  to: date.optional(),
  siteId: z.string().regex(/^[0-9a-f]{24}$/, '纪念设施编号格式不正确').optional(),
});

/** GET /admin/statistics (JSON) and /admin/statistics.csv (the same report for Excel). */
export function statisticsRouter(stats: StatisticsService): Router {
  const router = Router();
  const managers = requireRole(...MANAGER_ROLES);

  router.get('/admin/statistics', managers, async (req, res) => {
    res.json(await stats.report(assertCaller(req), parse(StatsQueryParams, req.query)));
  });

  router.get('/admin/statistics.csv', managers, async (req, res) => {
    const report = await stats.report(assertCaller(req), parse(StatsQueryParams, req.query));
    const name = `statistics_${report.siteId ?? 'all'}_${report.from}_${report.to}.csv`;
    res.set('Content-Disposition', `attachment; filename="${name}"`);
    res.type('text/csv; charset=utf-8').send(statsToCsv(report));
  });

  return router;
}
