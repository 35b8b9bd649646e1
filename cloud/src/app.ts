import { randomUUID } from 'node:crypto';
import type { RequestListener } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { ensureIndexes } from './db/indexes.js';
import type { AppContext } from './http/context.js';
import { authenticate } from './http/auth.js';
import { jsonBody } from './http/body.js';
import { errorMiddleware, notFoundHandler } from './http/errors.js';
import { createFastLane, inFrontOf, type FastLane } from './http/fast-lane.js';
import { RateLimiter } from './shared/rate-limit.js';
import { AccountService } from './accounts/service.js';
import { accountsRouter } from './accounts/routes.js';
import { AuditService } from './audit/service.js';
import { NotificationService } from './notifications/service.js';
import { notificationsRouter } from './notifications/routes.js';
import { SiteService } from './sites/service.js';
import { MartyrService } from './sites/martyr-service.js';
import { sitesRouter } from './sites/routes.js';
import { FileService } from './files/service.js';
import { filesRouter } from './files/routes.js';
import { GridFsStorage, type FileStorage } from './files/storage.js';
import { ProxySweepService } from './proxy-sweeps/service.js';
import { proxySweepsRouter } from './proxy-sweeps/routes.js';
import { TributeService } from './tributes/service.js';
import { TributeTargets } from './tributes/targets.js';
import { contentCheckerFor } from './tributes/content-security.js';
import { tributesRouter } from './tributes/routes.js';
import { FollowService } from './follows/service.js';
import { followsRouter } from './follows/routes.js';
import { BookingService } from './bookings/service.js';
import { bookingsRouter } from './bookings/routes.js';

import { StaffAdminService } from './accounts/staff-admin-service.js';
import { staffAdminRouter } from './accounts/staff-routes.js';
import { SiteAdminService } from './site-admin/service.js';
import { siteAdminRouter } from './site-admin/routes.js';
import { ImportService } from './site-admin/import/service.js';
import { importRouter } from './site-admin/import/routes.js';
import { PatrolService } from './patrols/service.js';
import { patrolsRouter } from './patrols/routes.js';
import { StatisticsService } from './statistics/service.js';
import { statisticsRouter } from './statistics/routes.js';
import { bookingsSource, patrolsSource, sweepsSource, tributesSource } from './statistics/sources.js';
import { TributeRepository } from './tributes/repository.js';
import { ProxySweepRepository } from './proxy-sweeps/repository.js';

import { API_BASE } from './instance.js';

export { API_BASE };

export interface AppOptions {
  config: Config;
  db: Db;
  logger: Logger;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Where uploaded bytes live; GridFS in the same database unless an object store is given. */
  fileStorage?: FileStorage;
  /** The instance's sites service when it already has one (the cloud function's fast lane). */
  sites?: SiteService;
}

/** The services of one app instance, exposed for seeding and tests. */
export interface AppServices {
  ctx: AppContext;
  accounts: AccountService;
  limiter: RateLimiter;
  audit: AuditService;
  notifications: NotificationService;
  sites: SiteService;
  martyrs: MartyrService;
  files: FileService;
  staffAdmin: StaffAdminService;
  siteAdmin: SiteAdminService;
  imports: ImportService;
  patrols: PatrolService;
  statistics: StatisticsService;
  proxySweeps: ProxySweepService;
  tributes: TributeService;
  follows: FollowService;
  bookings: BookingService;
}

export interface BuiltApp {
  /** The Express app: every route. */
  app: Express;
  /** What to serve: the fast lane for the home page's public reads (http/fast-lane.ts), else `app`. */
  handler: RequestListener;
  /** The fast lane alone, for a server that puts other layers (compression, static files) around it. */
  fastLane: FastLane;
  services: AppServices;
  /** Resolves once the named indexes exist (started lazily with the first request, or by a caller). */
  ready(): Promise<void>;
}

/** Creates indexes once per instance; a failure (database down) is retried on the next request. */
function indexesOnce(db: Db, logger: Logger): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () => {
    pending ??= ensureIndexes(db).catch((error: unknown) => {
      pending = null;
      logger.warn({ err: error }, 'index creation failed; will retry');
      throw error;
    });
    return pending;
  };
}

function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    req.requestId = (req.get('x-request-id') ?? '').slice(0, 64) || randomUUID();
    res.set('X-Request-Id', req.requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId: req.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** Builds the HTTP application (never listens): the same app serves locally and in every cloud function. */
export function createApp(options: AppOptions): BuiltApp {
  const ctx: AppContext = {
    config: options.config,
    db: options.db,
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    fetch: options.fetch ?? globalThis.fetch,
  };
  const limiter = new RateLimiter(ctx.db, ctx.now);
  const accounts = new AccountService(ctx);
  const audit = new AuditService(ctx.db, ctx.now);
  const notifications = new NotificationService(ctx.db, ctx.now);
  const sites = options.sites ?? new SiteService(ctx);
  const martyrs = new MartyrService(ctx, sites);
  const files = new FileService(ctx, options.fileStorage ?? new GridFsStorage(ctx.db), API_BASE);
  const proxySweeps = new ProxySweepService(ctx, { files, notifications, audit });
  const tributeTargets = new TributeTargets(ctx.db, ctx.now);
  const tributes = new TributeService(ctx, { limiter, audit, notifications, targets: tributeTargets, contentChecker: contentCheckerFor(ctx) });
  const follows = new FollowService(ctx, { limiter, audit, notifications, targets: tributeTargets });
  const bookings = new BookingService(ctx, { limiter, audit, notifications, sites, basePath: API_BASE });
  const staffAdmin = new StaffAdminService(ctx, { audit, existingSiteIds: async (ids) => (await sites.repository.findByIds(ids)).map((s) => s.id) });
  const patrols = new PatrolService(ctx, { sites, martyrs, files, audit });
  const siteAdmin = new SiteAdminService(ctx, { sites, martyrs, audit, files, lastPatrol: (siteId) => patrols.last(siteId) });
  const imports = new ImportService(siteAdmin, sites, martyrs.repository);
  const statistics = new StatisticsService(ctx, sites, [
    bookingsSource(bookings.bookings),
    tributesSource(new TributeRepository(ctx.db)),
    sweepsSource(new ProxySweepRepository(ctx.db)),
    patrolsSource(patrols.repository),
  ]);
  const ready = indexesOnce(ctx.db, ctx.logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('etag', false);

  const api = express.Router();
  api.use(requestLog(ctx.logger));
  api.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    next();
  });

  api.get('/health', async (_req, res) => {
    try {
      await ctx.db.command({ ping: 1 }, { timeoutMS: ctx.config.dbTimeoutMs });
    } catch (cause) {
      throw new AppError('UNAVAILABLE', '数据库不可用', { retryAfter: 5, cause, details: { db: 'down' } });
    }
    res.json({ status: 'ok', db: 'up' });
  });

  api.use(async (_req, _res, next) => {
    await ready();
    next();
  });
  api.use(jsonBody());
  api.use(authenticate((token) => accounts.resolveCaller(token)));

  api.use(accountsRouter(ctx, accounts, limiter));
  api.use(notificationsRouter(notifications));
  api.use(sitesRouter(sites, martyrs, ctx.now));
  api.use(filesRouter(files, limiter));
  api.use(proxySweepsRouter(proxySweeps, limiter));
  api.use(tributesRouter(ctx, tributes));
  api.use(followsRouter(follows));
  api.use(bookingsRouter(bookings, ctx.now));

  api.use(staffAdminRouter(staffAdmin));
  api.use(siteAdminRouter(siteAdmin));
  api.use(importRouter(imports));
  api.use(patrolsRouter(patrols));
  api.use(statisticsRouter(statistics));

  api.use(notFoundHandler);
  app.use(API_BASE, api);
  app.use(API_BASE, errorMiddleware(ctx.logger));

  const fastLane = createFastLane({ sites, logger: ctx.logger, basePath: API_BASE, now: ctx.now });
  const handler: RequestListener = inFrontOf(fastLane, app);

  return { app, handler, fastLane, services: { ctx, accounts, limiter, audit, notifications, sites, martyrs, files, staffAdmin, siteAdmin, imports, patrols, statistics, proxySweeps, tributes, follows, bookings }, ready };
}
