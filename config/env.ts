/**
 * Every environment variable the processes read, parsed once with zod at
 * start. A bad value fails fast naming the variable; .env.example documents each.
 */
import path from 'node:path';
import { z } from 'zod';
import { AUDIT_KEY_MIN_BYTES, decodeAuditKey } from './audit-key';

const root = path.resolve(__dirname, '..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'use file:<path> (SQLite) or postgresql://user:pass@host/db')
    .default(`file:${path.join(root, 'data', 'yongshu.db')}`),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('yongshu-flow'),
  TEMPORAL_DEV_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  DATA_DIR: z.string().default(path.join(root, 'data')),
  // The audit chain's HMAC key (config/audit-key.ts); empty or absent: a generated key in DATA_DIR/secrets.
  AUDIT_HMAC_KEY: z
    .string()
    .optional()
    .refine((v) => !v?.trim() || decodeAuditKey(v) !== null, `hex or base64 of at least ${AUDIT_KEY_MIN_BYTES} random bytes (openssl rand -hex 32)`),
  COOKIE_SECURE: bool.default(false),
  // Sign-in policy overrides; unset means the policy of domain/auth/sign-in-policy.ts.
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).optional(),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).optional(),
  SIGN_IN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).optional(),
  SIGN_IN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).optional(),
  SIGN_IN_ADDRESS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1_000_000).optional(),
  SIGN_IN_ADDRESS_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  // Express `trust proxy`: off by default (the address is the TCP peer); a hop count or a list of proxy addresses/subnets.
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v): boolean | number | string[] => {
      if (v === '' || v === 'false' || v === '0') return false;
      if (v === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v.split(',').map((s) => s.trim()).filter(Boolean);
    }),
  // Origins besides the app's own allowed to send cookie-authenticated writes, e.g. https://flow.nb.gov.cn
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const out: string[] = [];
      for (const item of v.split(',').map((s) => s.trim()).filter(Boolean)) {
        let origin: string | null = null;
        try {
          origin = new URL(item).origin;
        } catch {
          origin = null;
        }
        if (!origin || origin === 'null') ctx.addIssue({ code: 'custom', message: `not an origin: ${item} (use scheme://host[:port])` });
        else out.push(origin);
      }
      return out;
    }),
  DEMO_MODE: bool.default(true),
  /** How long an Idempotency-Key claim outlives a process that died holding it (renewed while the request works). */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** Where the Temporal frontend is: an explicit cluster, or the embedded dev server. */
export const temporalAddress = (env: Env): string => env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_DEV_PORT}`;

export const projectRoot = root;
