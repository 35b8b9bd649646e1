/**
 * `npm run seed`: loads the demo data (sites, martyrs, staff accounts `admin`, `manager1`, `staff1`)
 * into the local database (DATA_DIR, default ./.data, or MONGODB_URI). Refuses to run in production.
 */
import { join, resolve } from 'node:path';
import { bootstrap } from '../cloud/src/bootstrap.js';
import { closeAll } from '../cloud/src/db/connection.js';
import { startDatabase } from '../cloud/src/db/launcher.js';
import { seedDemo } from '../cloud/src/seed/demo.js';
import { ROOT } from './stack.js';

const log = (message: string) => console.log(`[seed] ${message}`);

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') throw new Error('demo data is never seeded in production (NODE_ENV=production)');
  const dataDir = resolve(process.env.DATA_DIR || join(ROOT, '.data'));
  const db = await startDatabase({ dataDir, log });
  try {
    const instance = bootstrap({ ...process.env, MONGODB_URI: db.uri });
    await instance.ready();
    await seedDemo(instance.services, log);
    log(`done (database: ${db.kind})`);
  } finally {
    await closeAll();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`[seed] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
