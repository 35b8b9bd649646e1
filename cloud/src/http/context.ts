import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Role } from '../contracts/auth.js';

/** Everything a router needs; built once per instance by the entry point (server or function). */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  /** Injected so tests can move time; defaults to the wall clock. */
  now: () => Date;
  /** Outbound HTTP (WeChat, AMap); tests point it at fake servers on 127.0.0.1 through the config. */
  fetch: typeof fetch;
}

/** The authenticated caller, set by the auth middleware. */
export interface Caller {
  id: string;
  kind: 'citizen' | 'staff';
  roles: Role[];
  siteIds: string[];
  username?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
    requestId?: string;
  }
}
