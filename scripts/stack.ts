/**
 * The local stack that `npm start`, `npm run start:api`, the e2e suite and the benchmarks share:
 * database server (cloud/src/db/launcher.ts) → API instance (bootstrap) → HTTP server (server.ts),
 * optionally serving the built H5 app, with a seed step for an empty database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppServices } from '../cloud/src/app.js';
import { bootstrap, type Instance } from '../cloud/src/bootstrap.js';
import { startScheduler } from '../cloud/src/jobs/scheduled.js';
import { loadConfig } from '../cloud/src/config.js';
import { closeAll } from '../cloud/src/db/connection.js';
import { startDatabase, type DbServer } from '../cloud/src/db/launcher.js';
import { serve, type RunningServer } from '../cloud/src/server.js';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const H5_DIR = join(ROOT, 'dist', 'h5');

export interface StackOptions {
  /** Folder of the embedded database's files (kept across restarts). */
  dataDir: string;
  /** Environment for the API (validated by loadConfig); MONGODB_URI is filled in from the database. */
  env?: NodeJS.ProcessEnv;
  /** Overrides PORT from env (0 = a free port). */
  port?: number;
  /** Serve the built H5 app at `/` from this folder. */
  staticDir?: string;
  /** Runs once when the database holds no site yet (never in production). */
  seed?: (services: AppServices, log: (message: string) => void) => Promise<unknown>;
  /** Run the scheduled jobs (notification delivery, reconciliation) on timers, as cloud triggers would. */
  scheduler?: boolean;
  log?: (message: string) => void;
}

export interface Stack {
  /** Origin of the server, e.g. http://127.0.0.1:3000 (API under /api/v1). */
  url: string;
  db: DbServer;
  instance: Instance;
  server: RunningServer;
  /** True when this start seeded the database. */
  seeded: boolean;
  /** Stops the server, closes the connections and stops the database server it started. */
  stop(): Promise<void>;
}

/** Starts database + API (+ static H5). On any failure, stops what was already started and rethrows. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const env = { ...(options.env ?? process.env) };
  // Fail on a bad configuration before anything is started.
  loadConfig({ ...env, MONGODB_URI: env.MONGODB_URI || 'mongodb://127.0.0.1:1', ...(options.port !== undefined ? { PORT: String(options.port) } : {}) });

  const db = await startDatabase({ dataDir: options.dataDir, log, env });
  let server: RunningServer | undefined;
  try {
    const instance = bootstrap({ ...env, MONGODB_URI: db.uri });
    await instance.ready();
    let seeded = false;
    if (options.seed && !instance.config.isProduction && (await instance.services.sites.repository.count()) === 0) {
      log('Empty database: seeding…');
      await options.seed(instance.services, log);
      seeded = true;
    }
    server = await serve({
      app: instance.app,
      fastLane: instance.fastLane,
      port: options.port ?? instance.config.port,
      host: instance.config.host,
      staticDir: options.staticDir,
    });
    const running = server;
    const stopScheduler = options.scheduler ? startScheduler(instance.services, instance.logger) : () => {};
    let stopping: Promise<void> | undefined;
    return {
      url: running.url,
      db,
      instance,
      server: running,
      seeded,
      stop: () =>
        (stopping ??= (async () => {
          stopScheduler();
          await running.close();
          await closeAll();
          await db.stop();
        })()),
    };
  } catch (error) {
    await server?.close();
    await closeAll();
    await db.stop();
    throw error;
  }
}

/** True when dist/h5 holds a built app. */
export function h5Built(dir = H5_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Builds the H5 app (`taro build --type h5`). The child is returned through `onChild` so a signal
 * handler can stop it; rejects when the build fails.
 */
export function buildH5(onChild: (child: ChildProcess | null) => void = () => {}): Promise<void> {
  return new Promise((done, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      // Build chatter goes to stderr, so stdout keeps only results (benchmarks) and status lines.
      stdio: ['ignore', process.stderr, process.stderr],
      // The served app is the release build, whatever NODE_ENV the caller runs under (vitest sets "test").
      env: { ...process.env, NODE_ENV: 'production' },
    });
    onChild(child);
    child.once('error', (error) => {
      onChild(null);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      onChild(null);
      if (code === 0) done();
      else reject(new Error(`H5 build failed (${signal ?? `exit ${code}`})`));
    });
  });
}
