import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDatabase } from '../src/db/launcher.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    dbKind: string;
  }
}

/** One real database server for the whole run (DESIGN.md section 3); each test file uses its own database. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'memorial-map-test-'));
  const server = await startDatabase({ dataDir, log: (m) => console.log(`[db] ${m}`) });
  project.provide('mongoUri', server.uri);
  project.provide('dbKind', server.kind);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
