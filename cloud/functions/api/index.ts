import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { ErrorBody } from '../../src/contracts/errors.js';
import { createFastLane, inFrontOf } from '../../src/http/fast-lane.js';
import { API_BASE, instanceBasics } from '../../src/instance.js';
import { SiteService } from '../../src/sites/service.js';
import { createHandler } from './handler.js';

// Module scope = cold start: configuration validated, the connection cached per warm instance, and
// only what the home page's first reads need (the sites service and the fast lane). Express and the
// other domains are loaded by the first request that needs them, and kept for the instance's life.
const { config, logger, db } = instanceBasics();
const now = () => new Date();
const sites = new SiteService({ config, db, logger, now, fetch: globalThis.fetch });
const fastLane = createFastLane({ sites, logger, basePath: API_BASE, now });

let fullApp: Promise<Express> | undefined;
function loadFullApp(): Promise<Express> {
  if (!fullApp) {
    fullApp = import('../../src/app.js').then(({ createApp }) => createApp({ config, db, logger, sites }).app);
    // A failed load is tried again by the next request.
    fullApp.catch(() => {
      fullApp = undefined;
    });
  }
  return fullApp;
}

const handler: RequestListener = inFrontOf(fastLane, (req, res) => {
  loadFullApp().then(
    (app) => app(req, res),
    (error: unknown) => {
      logger.error({ err: error }, 'loading the API failed');
      const body: ErrorBody = { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } };
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    },
  );
});

/** The cloud function entry: SCF, CloudBase and AWS-style HTTP events. */
export const main = createHandler(handler);

/**
 * Loads the full app without answering anything: the build calls it before saving V8's code cache,
 * so the first request that needs Express finds its code compiled too.
 */
export const prepareFullApp = async (): Promise<void> => {
  await loadFullApp();
};
