import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { inject } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { createApp, type AppServices, type BuiltApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { Role } from '../src/contracts/auth.js';
import type { Express } from 'express';
import type { Logger } from 'pino';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (no JSON encoding) when set. */
  raw?: string | Uint8Array | Blob | FormData;
  headers?: Record<string, string>;
}

export interface TestApi {
  baseUrl: string;
  app: Express;
  /** What the server and the cloud function serve: the fast lane, else `app` (BuiltApp.handler). */
  handler: BuiltApp['handler'];
  fastLane: BuiltApp['fastLane'];
  db: Db;
  config: Config;
  services: AppServices;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs a citizen in through POST /auth/dev; returns the token and user id. */
  citizen(openid?: string): Promise<{ token: string; id: string }>;
  /** Creates a staff account through the service and signs it in through POST /auth/staff. */
  staff(roles: Role[], siteIds?: string[]): Promise<{ token: string; id: string; username: string }>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  now?: () => Date;
  /** Replaces the configured logger (e.g. one writing to a stream the test reads). */
  logger?: Logger;
}

export function uniqueName(prefix = 't'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * Starts the real app on port 0 against the suite's database server, in a database of its own that is
 * dropped on close.
 */
export async function startApi(options: StartOptions = {}): Promise<TestApi> {
  const dbName = uniqueName('test');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGODB_URI: inject('mongoUri'), MONGODB_DB: dbName, ...options.env });
  const client = new MongoClient(config.mongoUri!, { serverSelectionTimeoutMS: config.dbTimeoutMs });
  const db = client.db(dbName);
  const built = createApp({ config, db, logger: options.logger ?? createLogger(config.logLevel), now: options.now });
  await built.ready();
  const server: Server = createServer(built.handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  const request: TestApi['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.raw !== undefined) body = opts.raw as BodyInit;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as any, text };
  };

  let staffCount = 0;
  return {
    baseUrl,
    app: built.app,
    handler: built.handler,
    fastLane: built.fastLane,
    db,
    config,
    services: built.services,
    request,
    async citizen(openid = uniqueName('citizen')) {
      const res = await request('POST', '/auth/dev', { body: { openid } });
      if (res.status !== 200) throw new Error(`dev login failed: ${res.status} ${res.text}`);
      return { token: res.body.token, id: res.body.user.id };
    },
    async staff(roles, siteIds = []) {
      const username = `${uniqueName('staff')}_${++staffCount}`;
      const password = 'test-password-123';
      await built.services.accounts.createStaff({ username, password, roles, siteIds });
      const res = await request('POST', '/auth/staff', { body: { username, password } });
      if (res.status !== 200) throw new Error(`staff login failed: ${res.status} ${res.text}`);
      return { token: res.body.token, id: res.body.user.id, username };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await db.dropDatabase().catch(() => {});
      await client.close();
    },
  };
}

/** A throw-away HTTP server on 127.0.0.1 standing in for an outside service (WeChat, AMap). */
export async function startFake(
  handler: (req: import('node:http').IncomingMessage, url: URL) => { status?: number; body: unknown; delayMs?: number },
): Promise<{ url: string; calls: URL[]; close(): Promise<void> }> {
  const calls: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    calls.push(url);
    const out = handler(req, url);
    setTimeout(() => {
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(out.body));
    }, out.delayMs ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
