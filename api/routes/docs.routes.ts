import express, { Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { generateDocument } from '../openapi';

const DOCS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>甬数流程 API 文档</title>
<link rel="stylesheet" href="./assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="./assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui' });</script>
</body></html>`;

/** GET /openapi.json (generated from the route schemas) and a readable page at /docs/. */
export function docsRoutes(registry: OpenAPIRegistry): Router {
  const router = Router();
  let document: unknown;
  router.get('/openapi.json', (_req, res) => {
    document ??= generateDocument(registry); // every route is registered before the first request
    res.json(document);
  });
  router.get('/docs', (req, res, next) => {
    if (!req.originalUrl.split('?')[0]?.endsWith('/')) return res.redirect(301, `${req.baseUrl}/docs/`);
    next();
  });
  router.get('/docs/', (_req, res) => res.type('html').send(DOCS_HTML));
  router.use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false }));
  return router;
}
