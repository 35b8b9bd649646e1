/**
 * Main-package size of the WeChat build (dist/weapp) against the budget: everything except the
 * subpackage roots listed in app.json counts. Fails above 1 MB; warns above the 600 KB target.
 * Usage: npm run build:weapp && npm run size:weapp [-- --dir dist/weapp]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const LIMIT_BYTES = 1_048_576;
const TARGET_BYTES = 600 * 1024;
/** Devtools project files sit in the output folder but are not uploaded as code. */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function walk(dir: string, root: string, out: Array<{ rel: string; size: number }>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else if (entry.isFile()) out.push({ rel: path.relative(root, full).split(path.sep).join('/'), size: statSync(full).size });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): number {
  const dir = path.resolve(argValue('--dir') ?? 'dist/weapp');
  const appJsonPath = path.join(dir, 'app.json');
  if (!existsSync(appJsonPath)) {
    console.error(`No WeChat build at ${dir} (app.json missing): run \`npm run build:weapp\` first.`);
    return 2;
  }
  const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8')) as {
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) =>
    p.root.replace(/^\/+/, '').replace(/\/*$/, '/'),
  );

  const files: Array<{ rel: string; size: number }> = [];
  walk(dir, dir, files);

  const subSizes = new Map<string, number>(roots.map((r) => [r, 0]));
  const mainFiles: Array<{ rel: string; size: number }> = [];
  for (const file of files) {
    if (NOT_UPLOADED.has(file.rel)) continue;
    const root = roots.find((r) => file.rel.startsWith(r));
    if (root) subSizes.set(root, (subSizes.get(root) ?? 0) + file.size);
    else mainFiles.push(file);
  }
  const mainTotal = mainFiles.reduce((sum, f) => sum + f.size, 0);

  console.log(`WeChat build: ${dir}`);
  console.log('Largest main-package files:');
  for (const f of [...mainFiles].sort((a, b) => b.size - a.size).slice(0, 10)) {
    console.log(`  ${kb(f.size).padStart(10)}  ${f.rel}`);
  }
  for (const [root, size] of subSizes) console.log(`Subpackage ${root}: ${kb(size)}`);
  console.log(`Main package: ${kb(mainTotal)} (${mainTotal} bytes; ${mainFiles.length} files)`);
  console.log(`Budget: target ${kb(TARGET_BYTES)}, limit ${kb(LIMIT_BYTES)}`);

  if (mainTotal > LIMIT_BYTES) {
    console.error(`FAIL: main package ${kb(mainTotal)} is above the ${kb(LIMIT_BYTES)} limit.`);
    return 1;
  }
  if (mainTotal > TARGET_BYTES) {
    console.warn(`WARNING: main package ${kb(mainTotal)} is above the ${kb(TARGET_BYTES)} target.`);
  } else {
    console.log('OK: main package within the target.');
  }
  return 0;
}

process.exitCode = main();
