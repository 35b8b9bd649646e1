/**
 * What every instance of the API needs before it can answer anything: the validated configuration
 * (a bad value stops the cold start with a clear message), the logger and the cached database
 * connection. Nothing here loads Express or the feature domains (the cloud function loads those
 * with the first request that needs them).
 */
import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config.js';
import { getDb } from './db/connection.js';
import { createLogger } from './logger.js';

/** Where the API is mounted. */
export const API_BASE = '/api/v1';

export interface InstanceBasics {
  config: Config;
  logger: Logger;
  db: Db;
}

export function instanceBasics(env: NodeJS.ProcessEnv = process.env): InstanceBasics {
  const config = loadConfig(env);
  if (!config.mongoUri) throw new Error('Invalid configuration:\n  MONGODB_URI: required to start the API');
  const logger = createLogger(config.logLevel);
  const { db } = getDb(config.mongoUri, config.mongoDb, config.dbTimeoutMs);
  return { config, logger, db };
}
