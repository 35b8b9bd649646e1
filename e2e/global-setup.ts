import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../cloud/src/seed/demo.js';
import { buildH5, H5_DIR, h5Built, startStack } from '../scripts/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the running stack: the H5 app at `/`, the API under `/api/v1`. */
    baseUrl: string;
  }
}

/**
 * The real stack for the browser journeys: FerretDB in a throw-away folder, the API and the built H5
 * app on a free loopback port, with the demo data. Builds the H5 app first when dist/h5 is missing.
 */
export default async function setup(project: TestProject) {
  if (!h5Built()) {
    console.log('[e2e] dist/h5 is missing: building the H5 app…');
    await buildH5();
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-e2e-'));
  const stack = await startStack({
    dataDir,
    port: 0,
    staticDir: H5_DIR,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1' },
    seed: (services) => seedDemo(services),
    log: (m) => console.log(`[e2e] ${m}`),
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('baseUrl', stack.url);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
