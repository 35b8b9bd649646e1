/**
 * Local HTTP server: the API app (built by app.ts, which never listens) and, optionally, the built H5
 * app served from the same origin at `/`. Cloud functions do not use this file; they wrap the app with
 * serverless-http (cloud/functions).
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import { inFrontOf, type FastLane } from './http/fast-lane.js';

export interface ServeOptions {
  /** The app from `createApp` / `bootstrap` (routes under /api/v1). */
  app: Express;
  /** Its fast lane (`BuiltApp.fastLane`): the home page's public reads, answered in front of Express. */
  fastLane?: FastLane;
  port: number;
  host: string;
  /** Folder of the built H5 app (dist/h5); served at `/` when given. */
  staticDir?: string;
}

export interface RunningServer {
  server: Server;
  /** `http://host:port` (the real port when 0 was asked for). */
  url: string;
  port: number;
  /** Stops accepting connections and ends open ones (keep-alive included). */
  close(): Promise<void>;
}

/** Emitted names carry an 8+ hex content hash (`js/app.3df8536f.js`, config/index.ts): safe to keep forever. */
const HASHED_NAME = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i;
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Cache policy of one static file: hashed assets are immutable, everything else is revalidated. */
export function cacheControlFor(filePath: string): string {
  return HASHED_NAME.test(basename(filePath)) ? `public, max-age=${ONE_YEAR_SECONDS}, immutable` : 'no-cache';
}

/**
 * The web app: compressed responses (brotli or gzip, by Accept-Encoding) for the API and the H5 files;
 * the API's fast lane first, then the API, then the static H5 build. The H5 router uses the URL hash,
 * so only `/` needs index.html.
 */
export function createWebApp(api: Express, staticDir?: string, fastLane?: FastLane): RequestListener {
  const web = express();
  web.disable('x-powered-by');
  web.set('etag', false);
  web.use(api);
  if (staticDir) {
    web.use(
      express.static(staticDir, {
        index: 'index.html',
        cacheControl: false,
        setHeaders: (res, filePath) => {
          res.setHeader('Cache-Control', cacheControlFor(filePath));
          res.setHeader('X-Content-Type-Options', 'nosniff');
        },
      }),
    );
  }
  const compress = compression();
  // Only a client that takes gzip or brotli needs the compressing wrapper around its response.
  const compressed: RequestListener = (req, res) => {
    if (req.headers['accept-encoding']) compress(req as Request, res as Response, () => web(req, res));
    else web(req, res);
  };
  // The fast lane compresses its own answers the same way (one write, zlib off the event loop).
  return fastLane ? inFrontOf(fastLane, compressed, { compress: true }) : compressed;
}

/** Listens on host:port (0 picks a free port) and resolves once the socket is bound. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const server = createServer(createWebApp(options.app, options.staticDir, options.fastLane));
  // Loopback clients (benchmarks, browsers) keep connections open; a bounded idle time frees them.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    port,
    url: `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
