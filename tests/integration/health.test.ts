/** Health check, the OpenAPI document and the docs page. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, API, type Json } from './client';

describe('health and API documents', () => {
  test('GET /health → 200 with database and Temporal (and a worker) up, no sign-in needed', async () => {
    const r = await anonymous().get('/health');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { status: 'ok', database: 'ok', temporal: 'ok' });
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });

  test('GET /openapi.json is OpenAPI 3.1 and documents the contract paths', async () => {
    const r = await anonymous().get('/openapi.json');
    assert.equal(r.status, 200, r.text);
    const doc = r.body;
    assert.match(doc.openapi, /^3\.1\./);
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    for (const p of ['/session', '/me', '/cases', '/cases/{id}', '/cases/{id}/withdraw', '/tasks', '/tasks/{id}/decision', '/calendar/deadline', '/calendar/years', '/calendar/years/{year}', '/catalog/resources', '/catalog/resources/{code}', '/health']) {
      assert.ok(doc.paths[p], `${p} is not documented`);
    }
    assert.ok(doc.paths['/cases'].post, 'POST /cases');
    assert.ok(doc.paths['/cases'].get, 'GET /cases');
    assert.ok(doc.paths['/cases'].post.responses['201'], 'POST /cases documents 201');
    assert.ok(doc.paths['/cases'].post.requestBody, 'POST /cases documents its body');
    const decision = doc.paths['/tasks/{id}/decision'].post;
    assert.ok(decision, 'POST /tasks/{id}/decision');
    for (const s of ['200', '404', '409', '422']) assert.ok(decision.responses[s], `decision documents ${s}`);
    assert.ok(doc.paths['/calendar/years/{year}'].put, 'PUT /calendar/years/{year}');
    const params = (doc.paths['/calendar/deadline'].get.parameters as Json[]).map((p) => p.name).sort();
    assert.deepEqual(params, ['from', 'naturalDays', 'workingDays']);
    const catalogParams = (doc.paths['/catalog/resources'].get.parameters as Json[]).map((p) => p.name).sort();
    assert.deepEqual(catalogParams, ['openClass', 'provider', 'q', 'shareClass']);
    assert.ok(doc.components?.schemas?.Error, 'the error body is a named schema');
    assert.ok(doc.components?.securitySchemes?.session, 'cookie sign-in is documented');
  });

  test('GET /docs/ returns the HTML docs page, and its assets are served', async () => {
    const res = await fetch(`${API}/docs/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const html = await res.text();
    assert.match(html, /<html/i);
    assert.match(html, /swagger-ui/);
    assert.match(html, /openapi\.json/);
    const js = await fetch(`${API}/docs/assets/swagger-ui-bundle.js`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    await js.body?.cancel();
  });

  test('GET /docs redirects to /docs/', async () => {
    const res = await fetch(`${API}/docs`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.match(res.headers.get('location') ?? '', /\/api\/v1\/docs\/$/);
  });
});
