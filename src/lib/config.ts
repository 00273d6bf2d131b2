import path from 'node:path';
import { z } from 'zod';
import { type BaseMap, baseMapOf } from './base-map.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Name repeated statements (off behind a pooler that cannot keep prepared statements, e.g. PgBouncer before 1.21 in transaction mode). */
  DATABASE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  /** auto: seed the demo city into an empty embedded database; on: seed any empty database; off: never. */
  DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  DEMO_SEED: z.coerce.number().int().min(0).default(2026),
  /** on: the first start of an empty embedded database unpacks the demo snapshot (npm run build:demo) when there is one. */
  DEMO_SNAPSHOT: z.enum(['on', 'off']).default('on'),
  DEMO_SNAPSHOT_DIR: z.string().min(1).default('.cache/demo'),
  /** 32-byte key, base64, for personal data at rest. Embedded mode generates a key file when absent. */
  FQ_DATA_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  FQ_DATA_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(1440).default(120),
  /** Login throttling (OWASP): wrong passwords free of delay per (account, address) pair and per account. */
  LOGIN_PAIR_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(20),
  /** The first delay after the free failures; each further failure doubles it up to the caps. */
  LOGIN_DELAY_BASE_SECONDS: z.coerce.number().min(0.1).max(3600).default(1),
  LOGIN_PAIR_DELAY_CAP_MINUTES: z.coerce.number().min(0.1).max(1440).default(15),
  /** Low on purpose: the account-wide delay also holds up the owner, so it slows distributed guessing, never locks. */
  LOGIN_ACCOUNT_DELAY_CAP_MINUTES: z.coerce.number().min(0.1).max(1440).default(1),
  /** A counter with no failure for this long starts again from zero. */
  LOGIN_THROTTLE_RESET_HOURS: z.coerce.number().min(0.1).max(720).default(24),
  /** Public (unauthenticated) routes: requests per address per route and window; 0 turns the limiter off. */
  RATE_LIMIT_PUBLIC_MAX: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Per-route overrides, `METHOD /path=max` separated by commas, e.g. `POST /api/track/:code/rating=10`; 0 exempts. */
  RATE_LIMIT_ROUTES: z
    .string()
    .regex(/^\s*([A-Z]+ \/\S*=\d+\s*)(,\s*[A-Z]+ \/\S*=\d+\s*)*$/, 'METHOD /path=max, comma-separated')
    .optional(),
  /** Raster tile URL template for deployments, e.g. https://tiles.example/{z}/{x}/{y}.png. Empty: no base map. */
  BASE_MAP_TILE_URL: z.string().url().or(z.literal('')).default(''),
  BASE_MAP_COORDS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  BASE_MAP_ATTRIBUTION: z.string().default(''),
  /** A 天地图 (Tianditu) key: the official WMTS base map with its annotation layer; exclusive with BASE_MAP_TILE_URL. */
  TIANDITU_KEY: z
    .string()
    .regex(/^[0-9a-zA-Z]{0,64}$/, 'letters and digits (the key from console.tianditu.gov.cn)')
    .default(''),
  /** Which Tianditu base layer: vec (矢量, with 矢量注记), img (影像, with 影像注记) or ter (地形, with 地形注记). */
  TIANDITU_LAYER: z.enum(['vec', 'img', 'ter']).default('vec'),
  TRUST_PROXY: bool.default(false),
  /** How often the deadline sweeper runs; 0 turns it off in this process. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  /** How often the dashboard roll-up job runs (its lag is shown on screen); 0 turns it off in this process. */
  ROLLUP_INTERVAL_SECONDS: z.coerce.number().min(0).max(3600).default(10),
  WEB_DIST: z.string().optional(),
  /** How often the audit chain heads are written as a signed checkpoint (and once at start); 0 turns it off in this process. */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  /** Where the signed checkpoints go: keep it on another host or WORM storage. Default: DATA_DIR/audit-checkpoints. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** Share of an event's working time after which the yellow warning is raised. */
  EVENT_WARN_SHARE: z.coerce
    .number()
    .gt(0)
    .lt(1)
    .default(2 / 3),
  /** A new event of the same category this close (metres) and this recent (hours) to an open one is a possible duplicate. */
  DUPLICATE_RADIUS_METRES: z.coerce.number().min(0).max(10_000).default(200),
  DUPLICATE_WINDOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 90)
    .default(72),
  /** Public reporting without an account: at most this many per phone per day and per address (IP) per hour. */
  PUBLIC_REPORTS_PER_PHONE_PER_DAY: z.coerce.number().int().min(1).default(5),
  PUBLIC_REPORTS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databasePoolSize: number;
  databasePrepared: boolean;
  demo: 'auto' | 'on' | 'off';
  demoSeed: number;
  /** Where `npm run build:demo` puts the demo snapshot; null: never unpack one (seed directly). */
  demoSnapshotDir: string | null;
  dataKey?: string;
  dataKeyFile?: string;
  logLevel: string;
  sessionTtlMs: number;
  sessionIdleMs: number;
  login: LoginThrottlePolicy;
  rateLimit: RateLimitPolicy;
  baseMap: BaseMap;
  trustProxy: boolean;
  webDist?: string;
  sweepIntervalMs: number;
  rollupIntervalMs: number;
  auditCheckpointIntervalMs: number;
  auditCheckpointDir: string;
  events: EventPolicy;
};

export interface EventPolicy {
  warnShare: number;
  duplicateRadiusMetres: number;
  duplicateWindowMs: number;
  publicPerPhonePerDay: number;
  publicPerIpPerHour: number;
}

export interface LoginThrottlePolicy {
  pairFreeFailures: number;
  accountFreeFailures: number;
  delayBaseMs: number;
  pairDelayCapMs: number;
  accountDelayCapMs: number;
  resetAfterMs: number;
}

export interface RateLimitPolicy {
  /** Requests per address, per public route, per window; 0: off. */
  publicMax: number;
  windowMs: number;
  /** `METHOD /path` → max (0: exempt), over the default. */
  routes: Record<string, number>;
}

/** `GET /a=1, POST /b=2` → { 'GET /a': 1, 'POST /b': 2 }. */
export function parseRouteLimits(v: string | undefined): Record<string, number> {
  if (!v) return {};
  return Object.fromEntries(
    v.split(',').map((part) => {
      const at = part.lastIndexOf('=');
      return [part.slice(0, at).trim(), Number(part.slice(at + 1))];
    }),
  );
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in the environment mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.TIANDITU_KEY && e.BASE_MAP_TILE_URL)
    throw new ConfigError('Invalid configuration:\n  TIANDITU_KEY: set either it or BASE_MAP_TILE_URL, not both');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePrepared: e.DATABASE_PREPARED_STATEMENTS === 'on',
    demo: e.DEMO,
    demoSeed: e.DEMO_SEED,
    demoSnapshotDir: e.DEMO_SNAPSHOT === 'on' ? e.DEMO_SNAPSHOT_DIR : null,
    dataKey: e.FQ_DATA_KEY,
    dataKeyFile: e.FQ_DATA_KEY_FILE,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    login: {
      pairFreeFailures: e.LOGIN_PAIR_FREE_FAILURES,
      accountFreeFailures: e.LOGIN_ACCOUNT_FREE_FAILURES,
      delayBaseMs: e.LOGIN_DELAY_BASE_SECONDS * 1000,
      pairDelayCapMs: e.LOGIN_PAIR_DELAY_CAP_MINUTES * 60_000,
      accountDelayCapMs: e.LOGIN_ACCOUNT_DELAY_CAP_MINUTES * 60_000,
      resetAfterMs: e.LOGIN_THROTTLE_RESET_HOURS * 3600_000,
    },
    rateLimit: {
      publicMax: e.RATE_LIMIT_PUBLIC_MAX,
      windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000,
      routes: parseRouteLimits(e.RATE_LIMIT_ROUTES),
    },
    baseMap: baseMapOf({
      tileUrl: e.BASE_MAP_TILE_URL,
      coords: e.BASE_MAP_COORDS,
      attribution: e.BASE_MAP_ATTRIBUTION,
      tiandituKey: e.TIANDITU_KEY,
      tiandituLayer: e.TIANDITU_LAYER,
    }),
    trustProxy: e.TRUST_PROXY,
    webDist: e.WEB_DIST,
    sweepIntervalMs: e.SWEEP_INTERVAL_SECONDS * 1000,
    rollupIntervalMs: e.ROLLUP_INTERVAL_SECONDS * 1000,
    auditCheckpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS * 1000,
    auditCheckpointDir: e.AUDIT_CHECKPOINT_DIR ?? path.join(e.DATA_DIR, 'audit-checkpoints'),
    events: {
      warnShare: e.EVENT_WARN_SHARE,
      duplicateRadiusMetres: e.DUPLICATE_RADIUS_METRES,
      duplicateWindowMs: e.DUPLICATE_WINDOW_HOURS * 3600_000,
      publicPerPhonePerDay: e.PUBLIC_REPORTS_PER_PHONE_PER_DAY,
      publicPerIpPerHour: e.PUBLIC_REPORTS_PER_IP_PER_HOUR,
    },
  };
}
