/** Running Prisma's CLI here: it would try to download engines it does not use with `engine: 'js'`. */
import path from 'node:path';
import { projectRoot } from '../../config/env';

export const prismaBin = path.join(projectRoot, 'node_modules', '.bin', 'prisma');

export const prismaCliEnv = (databaseUrl?: string): NodeJS.ProcessEnv => ({
  ...process.env,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? '/bin/true',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
});
