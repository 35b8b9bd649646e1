/**
 * `npm start`: database + API + the built H5 app at `/` on PORT (default 3000).
 * `npm run start:api` (`--api-only`): database + API only.
 * An empty database gets the demo data. Ctrl-C or SIGTERM stops everything this command started.
 */
import type { ChildProcess } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { seedDemo } from '../cloud/src/seed/demo.js';
import { buildH5, H5_DIR, h5Built, ROOT, startStack, type Stack } from './stack.js';

const apiOnly = process.argv.includes('--api-only');
const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
const log = (message: string) => console.log(`[start] ${message}`);

let buildChild: ChildProcess | null = null;
let starting: Promise<Stack | undefined> | undefined;
let stoppingSince = 0;

async function shutdown(reason: string): Promise<void> {
  if (stoppingSince) {
    // A terminal's Ctrl-C can reach us twice (directly and relayed); only a later one forces the exit.
    if (Date.now() - stoppingSince < 1000) return;
    log(`${reason} again: exiting now`);
    process.exit(1);
  }
  stoppingSince = Date.now();
  log(`${reason}: stopping…`);
  buildChild?.kill('SIGTERM');
  const stack = await starting?.catch(() => undefined);
  await stack?.stop();
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', (s) => void shutdown(s));
process.on('SIGTERM', (s) => void shutdown(s));
process.on('SIGHUP', (s) => void shutdown(s));

// `npm start` runs us under `sh -c`, and a SIGTERM sent to npm stops npm and that shell without
// reaching us: once our parent is gone (we are re-parented), stop too rather than linger.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) void shutdown('parent process exited');
}, 500).unref();

async function main(): Promise<Stack | undefined> {
  if (!apiOnly && !h5Built()) {
    log('dist/h5 is missing: building the H5 app first (npm run build:h5)…');
    await buildH5((child) => (buildChild = child));
    if (stoppingSince) return undefined;
  }
  const stack = await startStack({
    dataDir,
    staticDir: apiOnly ? undefined : H5_DIR,
    seed: (services, seedLog) => seedDemo(services, seedLog),
    scheduler: true,
    log,
  });
  // performance.now() counts from the start of this Node process, so module loading is included.
  const seconds = (performance.now() / 1000).toFixed(1);
  const shownDir = dataDir.startsWith(process.cwd()) ? relative(process.cwd(), dataDir) || '.' : dataDir;
  log(`database: ${stack.db.kind}${stack.db.kind === 'external' ? '' : `, files in ${shownDir}`}${stack.seeded ? ' (demo data seeded)' : ''}`);
  log(`API:      ${stack.url}/api/v1 (health: ${stack.url}/api/v1/health)`);
  if (!apiOnly) log(`H5 app:   ${stack.url}/`);
  log(`ready in ${seconds} s — Ctrl-C to stop`);
  return stack;
}

starting = main();
starting.catch((error: unknown) => {
  if (stoppingSince) return; // stopped on purpose (e.g. Ctrl-C during the H5 build); shutdown() exits
  console.error(`[start] failed: ${error instanceof Error ? error.message : String(error)}`);
  if ((error as { code?: string }).code === 'EADDRINUSE') console.error('[start] the port is taken: set PORT to another one');
  process.exit(1);
});
