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
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: bool.default(false),
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
