import type { Logger } from 'pino';
import { createApp, type BuiltApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { getDb } from './db/connection.js';
import { createLogger } from './logger.js';

export interface Instance extends BuiltApp {
  config: Config;
  logger: Logger;
}

/**
 * Cold start of one instance: validate the configuration (a bad value stops here with a clear
 * message), reuse the cached connection, build the app.
 */
export function bootstrap(env: NodeJS.ProcessEnv = process.env): Instance {
  const config = loadConfig(env);
  if (!config.mongoUri) throw new Error('Invalid configuration:\n  MONGODB_URI: required to start the API');
  const logger = createLogger(config.logLevel);
  const { db } = getDb(config.mongoUri, config.mongoDb, config.dbTimeoutMs);
  return { ...createApp({ config, db, logger }), config, logger };
}
