import type { Logger } from 'pino';
import { createApp, type BuiltApp } from './app.js';
import type { Config } from './config.js';
import { instanceBasics } from './instance.js';

export interface Instance extends BuiltApp {
  config: Config;
  logger: Logger;
}

/**
 * Cold start of one instance: validate the configuration (a bad value stops here with a clear
 * message), reuse the cached connection, build the app.
 */
export function bootstrap(env: NodeJS.ProcessEnv = process.env): Instance {
  const { config, logger, db } = instanceBasics(env);
  return { ...createApp({ config, db, logger }), config, logger };
}
