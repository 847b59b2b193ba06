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
import { originCheck } from './origin-check';
import { inputGuard } from './input-guard';
import { createRegistry } from './openapi';
import { accountRoutes } from './routes/accounts.routes';
import { adminRoutes } from './routes/admin.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { caseRoutes } from './routes/cases.routes';
import { catalogRoutes } from './routes/catalog.routes';
import { docsRoutes } from './routes/docs.routes';
import { grantRoutes } from './routes/grants.routes';
import { agreementRoutes } from './routes/agreement.routes';
import { opinionRoutes } from './routes/opinion.routes';
import { healthRoutes } from './routes/health.routes';
import { inboxRoutes } from './routes/inbox.routes';
import { opinionCcRoutes } from './routes/opinion-cc.routes';
import { sessionRoutes } from './routes/session.routes';
import { stuckCasesRoutes } from './routes/stuck-cases.routes';
import { supervisionRoutes } from './routes/supervision.routes';
import { problemDataRoutes } from './routes/problem-data.routes';
import { replanRunningCases } from './use-cases/case-actions';
import { signInPolicyOf } from './use-cases/sign-in';

export const BODY_LIMIT = '256kb';

export function createApi(deps: AppDeps): Express {
  const registry = createRegistry();
  const repos = createRepositories(deps.db, { auditKey: deps.auditKey });
  const api: ApiDeps = { ...deps, registry, repos };
  const signInPolicy = signInPolicyOf(deps.env);

  const app = express();
  app.disable('x-powered-by');
  // The client address (rate limit, audit) is the TCP peer unless TRUST_PROXY names the proxies in front.
  app.set('trust proxy', deps.env.TRUST_PROXY);
  app.set('etag', false);
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(cookieParser());
  // Before anything reads the request (authentication, idempotency hashing, routes): see api/input-guard.ts.
  app.use(inputGuard());
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(authenticate(repos.users, signInPolicy));
  app.use(originCheck(deps.env.ALLOWED_ORIGINS));
  app.use(idempotency(repos.idempotency, deps.env.IDEMPOTENCY_LEASE_SECONDS * 1000));

  app.use(sessionRoutes(api, { repos, policy: signInPolicy }));
  app.use(healthRoutes(api));
  app.use(catalogRoutes(api));
  app.use(calendarRoutes(api, (year) => replanRunningCases(api, year)));
  app.use(caseRoutes(api));
  app.use(inboxRoutes(api));
  app.use(opinionCcRoutes(api));
  app.use(problemDataRoutes(api));
  app.use(grantRoutes(api));
  app.use(agreementRoutes(api));
  app.use(opinionRoutes(api));
  app.use(adminRoutes(api));
  app.use(stuckCasesRoutes(api));
  app.use(supervisionRoutes(api));
  app.use(accountRoutes(api));
  app.use(docsRoutes(registry));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
