/**
 * The fast lane: the public reads every home page starts with — `GET /sites` (nearest first with
 * `near`) and `GET /sites/index`, then `GET /sites/:id` for the site opened — answered straight from
 * node:http, in front of Express. They are the
 * Qingming peak's traffic, and Express's per-request machinery (router walk, middleware chain, response
 * helpers) cost more than the answer itself (nearest from the in-memory k-d tree): bench/api.ts.
 *
 * Same answer as the Express routes, byte for byte: the same zod schema, services and response
 * shaping (sites/responses.ts), the same headers (request id, nosniff, Cache-Control, ETag/304) and
 * request log line. It takes only what it fully owns: any Authorization header (a bad token must be
 * 401, even here), any query the schema rejects, any other method or path goes to Express untouched,
 * and a failure while answering (database down, a bad cursor) hands the request to Express, whose
 * routes and one error middleware answer it as always. Loads no Express (cold start).
 *
 * Called with `{ compress: true }` (the local server, where the `compression` middleware wraps what
 * Express answers), it compresses as that middleware would — same negotiation (brotli, gzip, deflate),
 * threshold (1 KB), brotli quality (4) and `Vary` — but in one step on zlib's thread pool and one write
 * with its Content-Length, instead of a zlib stream per response: phones always ask for it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { etagMatches, SITE_INDEX_CACHE_CONTROL, siteListJson, toSiteDetail } from '../sites/responses.js';
import { SitesQuery } from '../sites/schemas.js';
import type { SiteService } from '../sites/service.js';

/**
 * Answers the request and returns true when it is the fast lane's; returns false (touching nothing)
 * otherwise. `fallback` is called instead of answering when something fails before the answer starts.
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse, fallback: () => void, options?: FastLaneCall) => boolean;

export interface FastLaneCall {
  /** Compress answers for clients that accept it, as the `compression` middleware would (local server). */
  compress?: boolean;
}

export interface FastLaneOptions {
  sites: SiteService;
  logger: Logger;
  /** Where the API is mounted (`/api/v1`). */
  basePath: string;
  /** The app's clock (a site's opening state), as the Express routes use it. */
  now: () => Date;
}

/** A site id the fast lane takes as it is (anything else, encoded or odd, goes to Express). */
const PLAIN_ID = /^[0-9A-Za-z]{1,64}$/;

interface Answer {
  status: 200 | 304;
  body?: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The `compression` middleware's defaults (server.ts uses them): 1 KB threshold, brotli quality 4. */
const COMPRESS_THRESHOLD = 1024;
type Encoding = 'br' | 'gzip' | 'deflate';
type Encoders = Record<Encoding, (body: string) => Promise<Buffer>>;
let encoders: Promise<Encoders> | undefined;
/** zlib is loaded by the first compressed answer: only the local server compresses (a cold start skips it). */
function loadEncoders(): Promise<Encoders> {
  encoders ??= import('node:zlib').then(({ brotliCompress, constants, deflate, gzip }) => {
    const brotliAsync = promisify(brotliCompress);
    const gzipAsync = promisify(gzip);
    const deflateAsync = promisify(deflate);
    const brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
    return { br: (body) => brotliAsync(body, brotli), gzip: (body) => gzipAsync(body), deflate: (body) => deflateAsync(body) };
  });
  return encoders;
}

interface AcceptSpec {
  encoding: string;
  q: number;
  /** Position in the header. */
  i: number;
}

/**
 * The encoding the `compression` middleware picks for an Accept-Encoding header (its negotiator:
 * `encoding(['br', 'gzip', 'deflate', 'identity'], ['br', 'gzip'])`), or null for none (identity).
 */
export function negotiateEncoding(header: string): Encoding | null {
  const accepts: AcceptSpec[] = [];
  let hasIdentity = false;
  let minQuality = 1;
  header.split(',').forEach((part, i) => {
    const match = /^\s*([^\s;]+)\s*(?:;(.*))?$/.exec(part.trim());
    if (!match) return;
    const q = match[2]?.split(';').map((p) => p.trim().split('=')).find(([key]) => key === 'q');
    const spec = { encoding: match[1]!, q: q ? parseFloat(q[1]!) : 1, i };
    accepts.push(spec);
    hasIdentity ||= spec.encoding === '*' || spec.encoding.toLowerCase() === 'identity';
    minQuality = Math.min(minQuality, spec.q || 1);
  });
  if (!hasIdentity) accepts.push({ encoding: 'identity', q: minQuality, i: accepts.length });

  const provided = ['br', 'gzip', 'deflate', 'identity'] as const;
  const preferred: readonly string[] = ['br', 'gzip'];
  const priorities = provided.map((encoding, index) => {
    let best = { encoding, index, o: -1, q: 0, s: 0 };
    for (const spec of accepts) {
      const s = spec.encoding.toLowerCase() === encoding ? 1 : spec.encoding === '*' ? 0 : -1;
      if (s < 0) continue;
      const candidate = { encoding, index, o: spec.i, q: spec.q, s };
      if ((best.s - candidate.s || best.q - candidate.q || best.o - candidate.o) < 0) best = candidate;
    }
    return best;
  });
  const [first] = priorities
    .filter((p) => p.q > 0)
    .sort((a, b) => {
      if (a.q !== b.q) return b.q - a.q;
      const ap = preferred.indexOf(a.encoding);
      const bp = preferred.indexOf(b.encoding);
      if (ap === -1 && bp === -1) return b.s - a.s || a.o - b.o || a.index - b.index;
      if (ap !== -1 && bp !== -1) return ap - bp;
      return ap === -1 ? 1 : -1;
    });
  return first && first.encoding !== 'identity' ? first.encoding : null;
}

export function createFastLane({ sites, logger, basePath, now }: FastLaneOptions): FastLane {
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
  const sitePrefix = `${basePath}/sites/`;
  /** GET /sites/:id (a draft or unknown id throws NOT_FOUND: Express answers it). */
  const siteDetail = (id: string, query: string): (() => Promise<Answer>) | null => {
    if (query || !PLAIN_ID.test(id)) return null;
    return async () => ({ status: 200, body: JSON.stringify(toSiteDetail(await sites.getPublicSite(id), now())) });
  };

  return (req, res, fallback, options) => {
    const { headers } = req;
    // A GET with a body is Express's to judge (the body parser answers it), like any signed-in request.
    // serverless-http sends `content-length: 0` with every event: that is no body.
    const body = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) !== 0;
    if (req.method !== 'GET' || headers.authorization !== undefined || body) return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const query = mark < 0 ? '' : url.slice(mark + 1);
    const route = routes[path];
    const answer = route ? route(query, req) : path.startsWith(sitePrefix) ? siteDetail(path.slice(sitePrefix.length), query) : null;
    if (!answer) return false;

    const started = process.hrtime.bigint();
    const acceptEncoding = options?.compress ? req.headers['accept-encoding'] : undefined;
    answer()
      .then(async ({ status, body, headers }) => {
        const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
        const out: Record<string, string | number> = {
          'X-Request-Id': requestId,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
          ...headers,
        };
        let payload: string | Buffer | undefined = body;
        if (body !== undefined) {
          out['Content-Type'] = JSON_TYPE;
          // As the middleware: Vary on every JSON answer to a client that sent Accept-Encoding (a 304 has no body type).
          if (acceptEncoding) out.Vary = 'Accept-Encoding';
          const encoding = acceptEncoding && Buffer.byteLength(body) >= COMPRESS_THRESHOLD ? negotiateEncoding(acceptEncoding) : null;
          if (encoding) {
            payload = await (await loadEncoders())[encoding](body);
            out['Content-Encoding'] = encoding;
          }
          out['Content-Length'] = Buffer.byteLength(payload!);
        }
        res.writeHead(status, out);
        res.end(payload);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info({ requestId, method: 'GET', path: path.slice(basePath.length), status, ms: Math.round(ms * 10) / 10 }, 'request');
      })
      .catch(() => {
        // Express answers it (and logs it) as it answers every failure.
        if (!res.headersSent) fallback();
      });
    return true;
  };
}

/**
 * A request listener with the fast lane in front of `rest` (Express, or whatever serves the rest): what
 * the fast lane does not take, or hands back after a failure, goes to `rest` untouched.
 */
export function inFrontOf(
  fastLane: FastLane,
  rest: (req: IncomingMessage, res: ServerResponse) => void,
  options?: FastLaneCall,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const next = () => rest(req, res);
    if (!fastLane(req, res, next, options)) next();
  };
}
