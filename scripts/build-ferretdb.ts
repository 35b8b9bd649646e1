/**
 * Builds FerretDB (tools/ferretdb, the embeddable package) into .tools/bin/ferretdb if it is not there
 * yet — the same step the database launcher takes on first use, run ahead of time (CI).
 */
import { ensureFerretDb, FERRETDB_BIN } from '../cloud/src/db/launcher.js';

const started = performance.now();
if (!ensureFerretDb((m) => console.log(`[ferretdb] ${m}`))) {
  console.error('[ferretdb] could not build FerretDB: is Go (≥ 1.24) on PATH or at /usr/local/go/bin/go?');
  process.exit(1);
}
console.log(`[ferretdb] ${FERRETDB_BIN} ready (${((performance.now() - started) / 1000).toFixed(1)} s)`);
