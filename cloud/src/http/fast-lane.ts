/**
 * The fast lane: the two public reads every home page starts with — `GET /sites` (nearest first with
 * `near`) and `GET /sites/index` — answered straight from node:http, in front of Express. They are the
 * Qingming peak's traffic, and Express's per-request machinery (router walk, middleware chain, response
 * helpers) cost more than the answer itself (nearest from the in-memory k-d tree): bench/api.ts.
 *
 * Same answer as the Express routes, byte for byte: the same zod schema, services and response
 * shaping (sites/responses.ts), the same headers (request id, nosniff, Cache-Control, ETag/304) and
 * request log line. It takes only what it fully owns: any Authorization header (a bad token must be
 * 401, even here), any query the schema rejects, any other method or path goes to Express untouched,
 * and a failure while answering (database down, a bad cursor) hands the request to Express, whose
 * routes and one error middleware answer it as always. Loads no Express (cold start).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from 'pino';
import { etagMatches, SITE_INDEX_CACHE_CONTROL, siteListJson } from '../sites/responses.js';
import { SitesQuery } from '../sites/schemas.js';
import type { SiteService } from '../sites/service.js';

/**
 * Answers the request and returns true when it is the fast lane's; returns false (touching nothing)
 * otherwise. `fallback` is called instead of answering when something fails before the answer starts.
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse, fallback: () => void) => boolean;

export interface FastLaneOptions {
  sites: SiteService;
  logger: Logger;
  /** Where the API is mounted (`/api/v1`). */
  basePath: string;
}

interface Answer {
  status: 200 | 304;
  body?: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createFastLane({ sites, logger, basePath }: FastLaneOptions): FastLane {
  const routes: Record<string, (query: string, req: IncomingMessage) => (() => Promise<Answer>) | null> = {
    [`${basePath}/sites`]: (query) => {
      // Express's default ("simple") query parser is node:querystring: the schema sees the same object.
      const parsed = SitesQuery.safeParse(query ? parseQuery(query) : {});
      if (!parsed.success) return null;
      return async () => ({ status: 200, body: siteListJson(await sites.listPublic(parsed.data)) });
    },
    [`${basePath}/sites/index`]: (query, req) => {
      if (query) return null;
      return async () => {
        const snapshot = await sites.publishedIndex();
        const headers = { 'Cache-Control': SITE_INDEX_CACHE_CONTROL, ETag: snapshot.etag };
        const ifNoneMatch = req.headers['if-none-match'];
        return etagMatches(ifNoneMatch, snapshot.etag) ? { status: 304, headers } : { status: 200, body: snapshot.compactJson, headers };
      };
    },
  };

  return (req, res, fallback) => {
    const { headers } = req;
    // A GET with a body is Express's to judge (the body parser answers it), like any signed-in request.
    // serverless-http sends `content-length: 0` with every event: that is no body.
    const body = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) !== 0;
    if (req.method !== 'GET' || headers.authorization !== undefined || body) return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const route = routes[path];
    const answer = route?.(mark < 0 ? '' : url.slice(mark + 1), req);
    if (!answer) return false;

    const started = process.hrtime.bigint();
    answer().then(
      ({ status, body, headers }) => {
        const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
        const out: Record<string, string | number> = {
          'X-Request-Id': requestId,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
          ...headers,
        };
        if (body !== undefined) {
          out['Content-Type'] = JSON_TYPE;
          out['Content-Length'] = Buffer.byteLength(body);
        }
        res.writeHead(status, out);
        res.end(body);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info({ requestId, method: 'GET', path: path.slice(basePath.length), status, ms: Math.round(ms * 10) / 10 }, 'request');
      },
      () => {
        // Express answers it (and logs it) as it answers every failure.
        if (!res.headersSent) fallback();
      },
    );
    return true;
  };
}

/**
 * A request listener with the fast lane in front of `rest` (Express, or whatever serves the rest): what
 * the fast lane does not take, or hands back after a failure, goes to `rest` untouched.
 */
export function inFrontOf(fastLane: FastLane, rest: (req: IncomingMessage, res: ServerResponse) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const next = () => rest(req, res);
    if (!fastLane(req, res, next)) next();
  };
}
