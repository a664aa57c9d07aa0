import { z } from 'zod';

const ZBooleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the API reads, checked once at boot. */
export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where to listen. Loopback by default: a development server on a shared network must not
   * hand its sign-in codes to the network; the container sets 0.0.0.0 explicitly. */
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('.data'),
  REDIS_URL: z.string().url().optional(),
  /** memory (one process), redis (REDIS_URL) or postgres (no extra server). Default: redis when REDIS_URL is set, else memory. */
  REALTIME_ADAPTER: z.enum(['memory', 'redis', 'postgres']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: ZBooleanish.optional(),
  TRUST_PROXY: ZBooleanish.default(false),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Hamandishi <no-reply@hamandishi.local>'),
  /** The address people open the platform at, for links in SMS and e-mail (invitations). Default: http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Built web app to serve; unset: web/dist beside the repository if it exists. */
  WEB_DIST: z.string().optional(),
  SEED_DEMO: ZBooleanish.default(false),
  /** Expose GET /api/dev/outbox (loopback clients only, never in production). Default: on outside production. */
  DEV_OUTBOX: ZBooleanish.optional(),
  /** How long a person waits before asking for another SMS code. */
  CODE_RESEND_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** How often each process looks for due background jobs when it has none to run. */
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** How often a job left active by a dead process is failed over for a retry, and old jobs archived. */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Multiplies every rate limit (tests and benchmarks raise it). */
  RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
});
/** The checked environment. */
export type Env = z.infer<typeof ZEnv>;

/** Reads and checks the environment; throws one readable message listing every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.SMS_PROVIDER === 'http' && !env.SMS_HTTP_URL) {
    throw new Error('Invalid environment:\n  - SMS_HTTP_URL: required when SMS_PROVIDER=http');
  }
  if (env.REALTIME_ADAPTER === 'redis' && !env.REDIS_URL) {
    throw new Error('Invalid environment:\n  - REDIS_URL: required when REALTIME_ADAPTER=redis');
  }
  return env;
}
