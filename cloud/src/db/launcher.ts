/**
 * Starts the database server that local runs and tests talk to (DESIGN.md section 3):
 * MONGODB_URI → a mongod on PATH (or MONGOMS_SYSTEM_BINARY) → FerretDB v1 over SQLite, built on first
 * use from tools/ferretdb → mongodb-memory-server when it is installed. Picks free loopback ports,
 * waits until the server answers, and stops what it started.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

export type DbServerKind = 'external' | 'mongod' | 'ferretdb' | 'memory';

export interface DbServer {
  kind: DbServerKind;
  /** Connection string for the driver (for FerretDB it carries maxPoolSize=1). */
  uri: string;
  /** Stops what this launcher started; a no-op for an external server. */
  stop(): Promise<void>;
  /** Process id of the server this launcher started (tests kill it to simulate a crash). */
  pid?: number;
}

export interface LaunchOptions {
  /** Folder for the database files; created if missing. */
  dataDir: string;
  /** Progress messages (build, start). */
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const FERRETDB_BIN = join(ROOT, '.tools', 'bin', 'ferretdb');
const FERRETDB_MODULE = join(ROOT, 'tools', 'ferretdb');

export async function startDatabase(options: LaunchOptions): Promise<DbServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  if (env.MONGODB_URI) {
    return { kind: 'external', uri: env.MONGODB_URI, stop: async () => {} };
  }
  const mongod = env.MONGOMS_SYSTEM_BINARY || which('mongod', env);
  if (mongod) return startMongod(mongod, options.dataDir, log);
  if (ensureFerretDb(log, env)) return startFerretDb(options.dataDir, log);
  return startMemoryServer(log);
}

function which(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, cmd);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Builds FerretDB into .tools/bin the first time; returns false when it cannot be had here. */
export function ensureFerretDb(log: (m: string) => void = () => {}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(FERRETDB_BIN)) return true;
  const go = which('go', env) ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return false;
  log('Building FerretDB v1.24.2 into .tools/bin (first run only, about two minutes)…');
  const result = spawnSync(go, ['build', '-o', FERRETDB_BIN, '.'], {
    cwd: FERRETDB_MODULE,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, CGO_ENABLED: '0' },
  });
  if (result.status !== 0) {
    log(`FerretDB build failed (exit ${result.status}).`);
    return false;
  }
  return existsSync(FERRETDB_BIN);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswers(uri: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`database process exited early with code ${child.exitCode}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.close().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`database did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill('SIGTERM');
    });
}

async function startWithRetries(
  launch: (port: number) => { child: ChildProcess; uri: string },
  kind: DbServerKind,
): Promise<DbServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const { child, uri } = launch(port);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 50) stderr.shift();
    });
    try {
      await waitUntilAnswers(uri, child);
      return { kind, uri, pid: child.pid, stop: stopper(child) };
    } catch (error) {
      lastError = new Error(`${String(error)}\n${stderr.join('').slice(-2000)}`);
      await stopper(child)();
    }
  }
  throw lastError;
}

function startFerretDb(dataDir: string, log: (m: string) => void): Promise<DbServer> {
  mkdirSync(dataDir, { recursive: true });
  log(`Starting FerretDB (SQLite files in ${dataDir})`);
  return startWithRetries((port) => {
    // stdin stays open as a pipe: if this process dies without cleaning up, FerretDB sees EOF and exits.
    const child = spawn(
      FERRETDB_BIN,
      [`--listen-addr=127.0.0.1:${port}`, `--sqlite-url=file:${resolve(dataDir)}/`, '--exit-with-stdin'],
      { stdio: ['pipe', 'ignore', 'pipe'] },
    );
    // maxPoolSize=1: FerretDB v1 applies an update as read-modify-write, so operations from several
    // connections on one document could interleave; one connection restores per-operation atomicity.
    return { child, uri: `mongodb://127.0.0.1:${port}/?maxPoolSize=1` };
  }, 'ferretdb');
}

function startMongod(binary: string, dataDir: string, log: (m: string) => void): Promise<DbServer> {
  const dir = join(dataDir, 'mongod');
  mkdirSync(dir, { recursive: true });
  log(`Starting mongod (${binary}) with data in ${dir}`);
  return startWithRetries((port) => {
    const child = spawn(binary, ['--dbpath', dir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return { child, uri: `mongodb://127.0.0.1:${port}/` };
  }, 'mongod');
}

async function startMemoryServer(log: (m: string) => void): Promise<DbServer> {
  const moduleName = 'mongodb-memory-server';
  let mod: { MongoMemoryServer: { create(): Promise<{ getUri(): string; stop(): Promise<boolean> }> } };
  try {
    mod = (await import(moduleName)) as typeof mod;
  } catch {
    throw new Error(
      'No database server available: set MONGODB_URI, put mongod on PATH, install Go (to build FerretDB), ' +
        'or `npm install mongodb-memory-server` on a machine with internet access.',
    );
  }
  log('Starting mongodb-memory-server');
  const server = await mod.MongoMemoryServer.create();
  return {
    kind: 'memory',
    uri: server.getUri(),
    stop: async () => {
      await server.stop();
    },
  };
}
