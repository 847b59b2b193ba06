import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client } from '@temporalio/client';
import type { Env } from '../config/env';
import type { Db } from '../db/client';
import type { Repositories } from '../db/repositories';
import type { TemporalSettings } from '../temporal.config';

/** What the API needs from the outside world; tests pass their own. */
export interface AppDeps {
  env: Env;
  db: Db;
  temporal: { client: Client; settings: TemporalSettings };
  /** The audit log's HMAC key (config/audit-key.ts `loadAuditKey`): the workers must use the same. */
  auditKey: Buffer;
}

export interface ApiDeps extends AppDeps {
  registry: OpenAPIRegistry;
  repos: Repositories;
}
