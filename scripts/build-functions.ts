/**
 * `npm run build:functions`: bundles each cloud function (cloud/functions/<name>/index.ts) with its
 * dependencies into one CommonJS file, dist/functions/<name>/index.js exporting `main` — what Tencent
 * SCF (handler `index.main`) and CloudBase (`exports.main` in index.js) load. Upload that folder.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from './stack.js';

const FUNCTIONS = join(ROOT, 'cloud', 'functions');
// Optional add-ons of the mongodb driver (Kerberos, client-side encryption, AWS auth, compressors):
// loaded only when a connection string asks for them, not installed, so left out of the bundle.
const DRIVER_OPTIONAL = ['kerberos', '@mongodb-js/zstd', '@aws-sdk/credential-providers', 'gcp-metadata', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption'];

/** Builds every function into `outDir/<name>/`; returns the bundle paths. */
export async function buildFunctions(outDir = join(ROOT, 'dist', 'functions')): Promise<Array<{ name: string; file: string; bytes: number }>> {
  const names = readdirSync(FUNCTIONS).filter((name) => existsSync(join(FUNCTIONS, name, 'index.ts')));
  rmSync(outDir, { recursive: true, force: true });
  const built = [];
  for (const name of names) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'index.js');
    await build({
      entryPoints: [join(FUNCTIONS, name, 'index.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      minify: true,
      legalComments: 'external',
      external: DRIVER_OPTIONAL,
      logLevel: 'warning',
    });
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, main: 'index.js' }, null, 2)}\n`);
    built.push({ name, file, bytes: statSync(file).size });
  }
  return built;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, bytes } of await buildFunctions()) {
    console.log(`[functions] ${name}: dist/functions/${name}/index.js (${Math.round(bytes / 1024)} KB)`);
  }
}
