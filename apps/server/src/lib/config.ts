import { resolve } from 'node:path';
import { z } from 'zod';

const ZBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));

/** Every setting Kap reads from the environment, validated once at start. */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  KAP_DATA_DIR: z.string().default('./kap-data'),
  KAP_PUBLIC_URL: z.url().optional(),
  KAP_OPEN_SIGNUP: ZBoolean.default(false),
  KAP_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  KAP_TRUST_PROXY: ZBoolean.default(false),
  KAP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(3000),
  KAP_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  KAP_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  KAP_WORKERS: ZBoolean.default(true),
  KAP_WEB_DIST: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Kap <no-reply@kap.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type TConfig = {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  publicUrl: string | null;
  openSignup: boolean;
  sessionTtlMs: number;
  trustProxy: boolean;
  rateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Largest import file accepted (413 above it). */
  importMaxBytes: number;
  runWorkers: boolean;
  webDistDir: string | null;
  smtpUrl: string | null;
  smtpFrom: string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<TConfig> = {}): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || null,
    dataDir: resolve(e.KAP_DATA_DIR),
    publicUrl: e.KAP_PUBLIC_URL ?? null,
    openSignup: e.KAP_OPEN_SIGNUP,
    sessionTtlMs: e.KAP_SESSION_TTL_HOURS * 3600_000,
    trustProxy: e.KAP_TRUST_PROXY,
    rateLimitPerMinute: e.KAP_RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.KAP_BODY_LIMIT_BYTES,
    importMaxBytes: e.KAP_IMPORT_MAX_BYTES,
    runWorkers: e.KAP_WORKERS,
    webDistDir: e.KAP_WEB_DIST ?? null,
    smtpUrl: e.SMTP_URL || null,
    smtpFrom: e.SMTP_FROM,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
