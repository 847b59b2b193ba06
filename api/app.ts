/**
 * createApp(deps): the REST API of API.md as an Express app, mounted by
 * server.ts under /api/v1 (and by integration tests on their own).
 */
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { createRepositories } from '../db/repositories';
import { authenticate } from './authenticate';
import type { AppDeps, ApiDeps } from './deps';
import { errorHandler, notFoundHandler } from './http-errors';
import { idempotency } from './idempotency';
import { inputGuard } from './input-guard';
import { createRegistry } from './openapi';
import { adminRoutes } from './routes/admin.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { caseRoutes } from './routes/cases.routes';
import { catalogRoutes } from './routes/catalog.routes';
import { docsRoutes } from './routes/docs.routes';
import { healthRoutes } from './routes/health.routes';
import { sessionRoutes } from './routes/session.routes';
import { replanRunningCases } from './use-cases/restricted-share';

export const BODY_LIMIT = '256kb';

export function createApi(deps: AppDeps): Express {
  const registry = createRegistry();
  const repos = createRepositories(deps.db);
  const api: ApiDeps = { ...deps, registry, repos };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(cookieParser());
  // Before anything reads the request (authentication, idempotency hashing, routes): see api/input-guard.ts.
  app.use(inputGuard());
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(authenticate(repos.users));
  app.use(idempotency(repos.idempotency));

  app.use(sessionRoutes(api));
  app.use(healthRoutes(api));
  app.use(catalogRoutes(api));
  app.use(calendarRoutes(api, (year) => replanRunningCases(api, year)));
  app.use(caseRoutes(api));
  app.use(adminRoutes(api));
  app.use(docsRoutes(registry));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
