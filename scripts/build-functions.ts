/**
 * `npm run build:functions`: builds each cloud function (cloud/functions/<name>/index.ts) into one
 * folder, dist/functions/<name>/, exporting `main` from index.js — what Tencent SCF (handler
 * `index.main`) and CloudBase (`exports.main` in index.js) load. Upload that folder.
 *
 * What is in the folder, for a short cold start:
 * - `bundle.js`: the function and its dependencies in one CommonJS script; for the api function, only
 *   what the fast lane needs (configuration, logger, driver, sites service, fast lane).
 * - `app.js` (api): the rest of the API (Express and the domains), the part behind the
 *   `import('../../src/app.js')` of cloud/functions/api/index.ts, loaded by the first request that
 *   needs it. Modules bundle.js already holds are not copied into it but taken from bundle.js (one
 *   driver, one `AppError`, one sites service per instance).
 * - `<script>.cache`: V8's code cache of each script, made here by loading the function and answering
 *   the first requests of a cold start once (scripts/code-cache-training.cjs), so it holds the code they
 *   run; `index.js` compiles each script with it, so V8 skips most parsing and compiling. A
 *   Node whose V8 differs from the one that built it rejects the cache and compiles as usual (build
 *   with the runtime's Node major).
 * - `node_modules/exceljs/`: ExcelJS (with its zip libraries), loaded only by the first XLSX import.
 * Replaced in the bundles (scripts/function-shims/): `whatwg-url` by Node's own URL; zod's ~60 message
 * languages by the one it uses (`en`); `@mongodb-js/saslprep`
 * and a few built-ins the dependencies require at load (LAZY_BUILTINS) by wrappers that load them on first use.
 * The schemas bundle.js runs (configuration, the sites queries) are written with `zod/mini`, so bundle.js
 * carries ~60 KB of zod instead of ~190 KB; app.js has its own `zod` (NOT_SHARED).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { ROOT } from './stack.js';

const FUNCTIONS = join(ROOT, 'cloud', 'functions');
// Optional add-ons of the mongodb driver (Kerberos, client-side encryption, AWS auth, compressors):
// loaded only when a connection string asks for them, not installed, so left out of the bundle.
const DRIVER_OPTIONAL = ['kerberos', '@mongodb-js/zstd', '@aws-sdk/credential-providers', 'gcp-metadata', 'snappy', 'socks', 'aws4', 'mongodb-client-encryption'];
/** Dependencies shipped beside the bundle in the function's node_modules, loaded on first use. */
const ON_DEMAND = ['exceljs'];
/** Per function: modules it loads with import() that become a script of their own (`<part>.js`). */
const PARTS: Record<string, Record<string, string>> = { api: { app: 'cloud/src/app.ts' } };

/** How bundle.js requires a part, and how a part requires a module of bundle.js (index.js resolves both). */
const PART_PREFIX = '@function-part/';
const SHARED_PREFIX = '@function-shared/';
/** Marks the resolutions a plugin asks for itself, so it does not see them again. */
const OWN = Symbol('own resolution');

const SHIMS = join(ROOT, 'scripts', 'function-shims');
const SASLPREP_SHIM = join(SHIMS, 'saslprep.cjs');
/** Built-ins that dependencies require at load and use later or never (function-shims/lazy-builtin.cjs). */
const LAZY_BUILTINS = ['tls', 'dns', 'zlib', 'fs/promises', 'assert', 'timers/promises'];
/** Per lazy built-in: functions a dependency reads at load only to call later (the driver's compression.js). */
const LATER_CALLS: Record<string, string[]> = { zlib: ['inflate', 'deflate'] };
const LAZY_BUILTIN_FILTER = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`);
const shims: Plugin = {
  name: 'function-shims',
  setup(b) {
    b.onResolve({ filter: LAZY_BUILTIN_FILTER }, (args) =>
      args.namespace === 'lazy-builtin' || !args.importer.includes('/node_modules/') ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: readFileSync(join(SHIMS, 'lazy-builtin.cjs'), 'utf8')
        .replace('require(LAZY_BUILTIN)', `require(${JSON.stringify(args.path)})`)
        .replace('new Set(LATER_CALLS)', `new Set(${JSON.stringify(LATER_CALLS[args.path] ?? [])})`),
      loader: 'js',
      resolveDir: SHIMS,
    }));
    b.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: join(SHIMS, 'whatwg-url.cjs') }));
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (args.importer.includes('/node_modules/zod/') ? { path: join(SHIMS, 'zod-locales.mjs') } : undefined));
    b.onResolve({ filter: /^@mongodb-js\/saslprep$/ }, (args) => (args.importer === SASLPREP_SHIM ? undefined : { path: SASLPREP_SHIM }));
  },
};

/** In bundle.js: `import()` of a part becomes `require('@function-part/<name>')`. */
function partsExternal(parts: Record<string, string>): Plugin {
  const byFile = new Map(Object.entries(parts).map(([name, file]) => [join(ROOT, file), name]));
  return {
    name: 'function-parts',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === OWN) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: OWN });
        const name = byFile.get(resolved.path);
        return name ? { path: PART_PREFIX + name, external: true } : undefined;
      });
    },
  };
}

/**
 * Libraries a part bundles again instead of taking them from bundle.js. Sharing a module makes
 * bundle.js carry all of it (the part may use any export), which would undo the tree-shaking of
 * `zod/mini` there (sites/schemas.ts, config.ts: ~60 KB of zod instead of ~190 KB). zod keeps no
 * state that must be one per instance: schemas and their issues are plain objects, read by
 * property (http/validate.ts), never by `instanceof` across the two copies, and both copies use
 * English messages.
 */
const NOT_SHARED = ['node_modules/zod/'];

/** In a part: a module bundle.js holds becomes `require('@function-shared/<path>')`; `used` collects them. */
function sharedFrom(inBundle: Set<string>, used: Set<string>): Plugin {
  return {
    name: 'function-shared',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === OWN) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: OWN });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') return undefined;
        const key = relative(ROOT, resolved.path);
        if (!inBundle.has(key) || NOT_SHARED.some((prefix) => key.startsWith(prefix))) return undefined;
        used.add(key);
        return { path: SHARED_PREFIX + key, external: true };
      });
    },
  };
}

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: true,
  legalComments: 'external',
  // import() becomes a lazy require: modules behind it are initialised on first use, and the bundle
  // needs no dynamic-import support from the vm.Script that index.js compiles it with.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/**
 * index.js: compiles bundle.js (and each part when bundle.js first requires it) with its code cache,
 * as CommonJS modules of this folder, and re-exports bundle.js. Written here, not bundled: it must stay
 * a few lines of plain JS.
 */
const LOADER = `'use strict';
// Generated by scripts/build-functions.ts: loads bundle.js, and each part (app.js) when first needed,
// with V8's code cache (<script>.cache).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');
const Module = require('node:module');
const nodeRequire = Module.createRequire(join(__dirname, 'bundle.js'));
const scripts = [];
function load(name, own) {
  const file = join(__dirname, name);
  let cachedData;
  try { cachedData = readFileSync(file + '.cache'); } catch { cachedData = undefined; }
  // Named by the file's name only: V8 keeps the name a code cache was made with (here, at build time),
  // so a full path would show the build machine's folder in stack traces.
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: name, cachedData });
  scripts.push({ file, script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used' });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(__dirname);
  const req = Object.assign((id) => own(id) ?? nodeRequire(id), { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, __dirname);
  return mod.exports;
}
const parts = new Map();
function part(name) {
  if (!parts.has(name)) parts.set(name, load(name + '.js', (id) => {
    if (!id.startsWith(${JSON.stringify(SHARED_PREFIX)})) return undefined;
    const shared = bundle.__shared[id.slice(${SHARED_PREFIX.length})];
    if (!shared) throw new Error(name + '.js needs ' + id + ', which bundle.js does not share (rebuild the function)');
    return shared();
  }));
  return parts.get(name);
}
const bundle = load('bundle.js', (id) => (id.startsWith(${JSON.stringify(PART_PREFIX)}) ? part(id.slice(${PART_PREFIX.length})) : undefined));
module.exports = bundle;
// 'used' when every script loaded so far was compiled with its code cache, else 'rejected' or 'none'.
Object.defineProperty(module.exports, 'codeCache', { enumerable: true, get: () => scripts.find((s) => s.cache === 'rejected')?.cache ?? scripts.find((s) => s.cache === 'none')?.cache ?? 'used' });
// For the build: the code cache of every script loaded so far, to save beside it.
Object.defineProperty(module.exports, 'codeCacheData', { value: () => scripts.map((s) => [s.file + '.cache', s.script.createCachedData()]) });
`;

/** An SCF API-gateway event (what the cloud function receives) for a GET. */
function getEvent(path: string, queryString: Record<string, string> = {}): object {
  return { path, httpMethod: 'GET', headers: { host: 'api.example.cn' }, queryString, queryStringParameters: {}, requestContext: { sourceIp: '10.0.0.1' }, body: '', isBase64Encoded: false };
}

/**
 * What the code cache is trained on (scripts/code-cache-training.cjs), per function: the first
 * requests of a cold start (the home page's reads and the site opened next, then a route of the full
 * app, which loads it).
 */
const TRAINING: Record<string, object[]> = {
  api: [
    getEvent('/api/v1/sites/index'),
    getEvent('/api/v1/sites', { near: '30.59,114.30', limit: '20' }),
    getEvent('/api/v1/sites/000000000000000000000a01'),
    getEvent('/api/v1/martyrs'),
  ],
};

async function buildOnDemand(dir: string): Promise<void> {
  for (const name of ON_DEMAND) {
    const target = join(dir, 'node_modules', name);
    mkdirSync(target, { recursive: true });
    await build({ ...COMMON, entryPoints: [name], outfile: join(target, 'index.js') });
    writeFileSync(join(target, 'package.json'), `${JSON.stringify({ name, private: true, main: 'index.js' }, null, 2)}\n`);
  }
}

/**
 * bundle.js and its parts. The bundle is built twice: first to learn which modules it holds, then,
 * once the parts are built, with an entry that also shares the modules the parts take from it.
 */
async function buildScripts(name: string, dir: string): Promise<void> {
  const entry = join(FUNCTIONS, name, 'index.ts');
  const parts = PARTS[name] ?? {};
  const external = [...DRIVER_OPTIONAL, ...ON_DEMAND];
  const plugins = [shims, partsExternal(parts)];
  const first = await build({ ...COMMON, entryPoints: [entry], outfile: join(dir, 'bundle.js'), write: false, metafile: true, external, plugins });
  const inBundle = new Set(Object.keys(first.metafile.inputs));
  const used = new Set<string>();
  for (const [part, file] of Object.entries(parts)) {
    await build({ ...COMMON, entryPoints: [join(ROOT, file)], outfile: join(dir, `${part}.js`), external, plugins: [shims, sharedFrom(inBundle, used)] });
  }
  const shared = [...used].sort().map((key) => `  ${JSON.stringify(key)}: () => require(${JSON.stringify(`./${key}`)}),`);
  await build({
    ...COMMON,
    stdin: { contents: `export * from ${JSON.stringify(entry)};\nexport const __shared = {\n${shared.join('\n')}\n};\n`, resolveDir: ROOT, sourcefile: `cloud/functions/${name}/entry.js`, loader: 'js' },
    outfile: join(dir, 'bundle.js'),
    external,
    plugins,
  });
  // Legal comments all come from the parts' dependencies: no empty notice file beside bundle.js.
  const legal = join(dir, 'bundle.js.LEGAL.txt');
  if (existsSync(legal) && statSync(legal).size === 0) rmSync(legal);
}

/** Builds every function into `outDir/<name>/`; returns the entry (index.js) paths and bundle sizes. */
export async function buildFunctions(outDir = join(ROOT, 'dist', 'functions')): Promise<Array<{ name: string; file: string; bytes: number }>> {
  const names = readdirSync(FUNCTIONS).filter((name) => existsSync(join(FUNCTIONS, name, 'index.ts')));
  rmSync(outDir, { recursive: true, force: true });
  const built = [];
  for (const name of names) {
    const dir = join(outDir, name);
    mkdirSync(dir, { recursive: true });
    await buildScripts(name, dir);
    await buildOnDemand(dir);
    writeFileSync(join(dir, 'index.js'), LOADER);
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, main: 'index.js' }, null, 2)}\n`);
    // A development configuration; the training sets MONGODB_URI to its own wire responder.
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'code-cache-training.cjs'), join(dir, 'index.js'), JSON.stringify(TRAINING[name] ?? [])], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'development', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    built.push({ name, file: join(dir, 'index.js'), bytes: statSync(join(dir, 'bundle.js')).size });
  }
  return built;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const { name, bytes } of await buildFunctions()) {
    console.log(`[functions] ${name}: dist/functions/${name}/ (bundle.js ${Math.round(bytes / 1024)} KB, with its code cache and on-demand node_modules)`);
  }
}
