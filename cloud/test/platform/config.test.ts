import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { closeAll } from '../../src/db/connection.js';

const DB = { MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=100' };
const PRODUCTION_OK = {
  ...DB,
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'x'.repeat(40),
  PHONE_ENC_KEY: Buffer.alloc(32, 1).toString('base64'),
  WECHAT_APPID: 'wx0123456789',
  WECHAT_SECRET: 'secret',
};

function failure(env: NodeJS.ProcessEnv): string {
  try {
    bootstrap(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('bootstrap accepted the configuration');
}

describe('configuration checked at cold start', () => {
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.resetModules();
    await closeAll();
  });

  it('refuses PORT=abc with a message naming PORT', () => {
    const message = failure({ ...DB, PORT: 'abc' });
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).toMatch(/^\s+PORT: /m);
  });

  it('refuses production without JWT_SECRET, naming the variable', () => {
    const { JWT_SECRET: _omitted, ...env } = PRODUCTION_OK;
    const message = failure(env);
    expect(message).toMatch(/^\s+JWT_SECRET: JWT_SECRET is required in production/m);
  });

  it('lists every bad variable at once, not only the first', () => {
    const message = failure({ ...DB, PORT: '70000', NODE_ENV: 'staging', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    for (const name of ['PORT', 'NODE_ENV', 'LOG_LEVEL', 'JWT_SECRET']) expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
  });

  it('refuses a PHONE_ENC_KEY that is not 32 bytes', () => {
    expect(failure({ ...PRODUCTION_OK, PHONE_ENC_KEY: Buffer.alloc(16).toString('base64') })).toMatch(/PHONE_ENC_KEY: must be 32 bytes/);
  });

  it('refuses to start the API without MONGODB_URI', () => {
    expect(failure({ NODE_ENV: 'development' })).toMatch(/MONGODB_URI/);
  });

  it('accepts a complete production configuration (and turns dev sign-in off)', () => {
    const instance = bootstrap(PRODUCTION_OK);
    expect(instance.config.isProduction).toBe(true);
    expect(instance.config.devLoginEnabled).toBe(false);
  });

  it('makes the cloud function entry fail to load with the message when the environment is bad', async () => {
    vi.stubEnv('MONGODB_URI', DB.MONGODB_URI);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('JWT_SECRET', '');
    vi.stubEnv('PORT', 'abc');
    vi.resetModules();
    await expect(import('../../functions/api/index.js')).rejects.toThrow(/Invalid configuration[\s\S]*PORT: [\s\S]*JWT_SECRET: /);
  });
});
