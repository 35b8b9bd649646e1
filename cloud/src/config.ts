// zod/mini: parsed by every cold start before anything else (see shared/zod-mini.ts).
import * as z from './shared/zod-mini.js';

const BOOL_WORDS = ['1', '0', 'true', 'false', 'yes', 'no'] as const;
const bool = z.pipe(
  z.enum(BOOL_WORDS),
  z.transform((v: (typeof BOOL_WORDS)[number]) => v === '1' || v === 'true' || v === 'yes'),
);
const int = (min: number, max: number, fallback: number) => z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);
const url = (fallback: string) => z._default(z.string().check(z.url()), fallback);

const EnvSchema = z
  .object({
    NODE_ENV: z._default(z.enum(['development', 'test', 'production']), 'development'),
    PORT: int(0, 65535, 3000),
    HOST: z._default(z.string(), '127.0.0.1'),
    MONGODB_URI: z.optional(z.string().check(z.startsWith('mongodb'))),
    MONGODB_DB: z._default(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,60}$/)), 'memorial_map'),
    /** Milliseconds the driver waits for a server before a request is answered 503. */
    DB_TIMEOUT_MS: int(200, 60000, 2500),
    JWT_SECRET: z.optional(z.string().check(z.minLength(32, 'JWT_SECRET must be at least 32 characters'))),
    TOKEN_TTL_SECONDS: int(60, 60 * 60 * 24 * 90, 60 * 60 * 24 * 7),
    /** 32 bytes, base64: AES-256-GCM key for phone numbers at rest. */
    PHONE_ENC_KEY: z.optional(z.string()),
    WECHAT_APPID: z.optional(z.string()),
    WECHAT_SECRET: z.optional(z.string()),
    WECHAT_API_BASE: url('https://api.weixin.qq.com'),
    /** JSON map of notification template name → WeChat subscribe-message template id. */
    WECHAT_SUBSCRIBE_TEMPLATES: z.optional(z.string()),
    AMAP_KEY: z.optional(z.string()),
    AMAP_API_BASE: url('https://restapi.amap.com'),
    /** Milliseconds to wait for AMap's direction API before answering with an estimate. */
    AMAP_TIMEOUT_MS: int(50, 20000, 2500),
    /** How often (ms, at most) an instance checks whether published sites changed and rebuilds its geo index. */
    SITES_INDEX_CHECK_MS: int(0, 60000, 2000),
    /** Base URL of the H5 app, used in links and QR codes. */
    PUBLIC_BASE_URL: url('http://127.0.0.1:3000'),
    LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    /** Trust X-Forwarded-For from the gateway in front (hop count). */
    TRUST_PROXY: int(0, 5, 0),
    ENABLE_DEV_LOGIN: z.optional(bool),
  })
  .check(
    z.superRefine((env, ctx) => {
      if (env.NODE_ENV !== 'production') return;
      for (const key of ['MONGODB_URI', 'JWT_SECRET', 'PHONE_ENC_KEY', 'WECHAT_APPID', 'WECHAT_SECRET'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in production` });
      }
    }),
  );

export interface Config {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  mongoUri?: string;
  mongoDb: string;
  dbTimeoutMs: number;
  jwtSecret: Uint8Array;
  tokenTtlSeconds: number;
  phoneKey: Buffer;
  wechat: { appId?: string; secret?: string; apiBase: string; templates: Record<string, string> };
  amap: { key?: string; apiBase: string; timeoutMs: number };
  sitesIndexCheckMs: number;
  publicBaseUrl: string;
  logLevel: string;
  trustProxy: number;
  devLoginEnabled: boolean;
}

// Development-only fallbacks: fixed so that tokens and encrypted phones survive a local restart.
// Production refuses to start without real values (see superRefine above).
const DEV_JWT_SECRET = 'memorial-map-development-secret-not-for-production';
const DEV_PHONE_KEY = Buffer.alloc(32, 7);

function parseTemplates(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('Invalid configuration:\n  WECHAT_SUBSCRIBE_TEMPLATES: must be a JSON object of name → template id');
  }
  const result = z.record(z.string(), z.string().check(z.minLength(1))).safeParse(parsed);
  if (!result.success) throw new Error('Invalid configuration:\n  WECHAT_SUBSCRIBE_TEMPLATES: must be a JSON object of name → template id');
  return result.data;
}

/** Reads and validates the environment once; throws a readable error listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Parsed once per instance: zod's compiled fast path (new Function, ~2 ms) would cost more than it saves.
  const parsed = EnvSchema.safeParse(source, { jitless: true });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let phoneKey = DEV_PHONE_KEY;
  if (e.PHONE_ENC_KEY) {
    phoneKey = Buffer.from(e.PHONE_ENC_KEY, 'base64');
    if (phoneKey.length !== 32) throw new Error('Invalid configuration:\n  PHONE_ENC_KEY: must be 32 bytes, base64-encoded');
  }
  const isProduction = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    mongoUri: e.MONGODB_URI,
    mongoDb: e.MONGODB_DB,
    dbTimeoutMs: e.DB_TIMEOUT_MS,
    jwtSecret: new TextEncoder().encode(e.JWT_SECRET ?? DEV_JWT_SECRET),
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    phoneKey,
    wechat: { appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, apiBase: e.WECHAT_API_BASE, templates: parseTemplates(e.WECHAT_SUBSCRIBE_TEMPLATES) },
    amap: { key: e.AMAP_KEY, apiBase: e.AMAP_API_BASE, timeoutMs: e.AMAP_TIMEOUT_MS },
    sitesIndexCheckMs: e.SITES_INDEX_CHECK_MS,
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    devLoginEnabled: !isProduction && (e.ENABLE_DEV_LOGIN ?? true),
  };
}
