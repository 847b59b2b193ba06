/**
 * The input guard on a small Express app wired like api/app.ts: JSON and
 * cookie parsing, the guard, a middleware that hashes the body with
 * JSON.stringify (as idempotency does), routes declared with defineRoute, and
 * the one error handler. Raw JSON text is sent where JSON.stringify would
 * escape what we want to send (lone surrogates).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import { z } from '../domain/zod-locale';
import { BODY_LIMIT } from './app';
import { defineRoute } from './define-route';
import { errorHandler, notFoundHandler } from './http-errors';
import { displayPath, inputGuard } from './input-guard';
import { createRegistry } from './openapi';

let base = '';
let server: Server;
let hashed = 0; // bodies the stand-in for idempotency hashing has seen

before(async () => {
  const app = express();
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(cookieParser());
  app.use(inputGuard());
  app.use((req, _res, next) => {
    JSON.stringify(req.body ?? null); // overflows the stack on a 10 000-deep body
    hashed++;
    next();
  });
  const router = Router();
  const registry = createRegistry();
  defineRoute(router, registry, 'POST /things/:id', {
    summary: 'echo', tags: ['test'], access: 'public',
    params: z.object({ id: z.string().max(80) }),
    body: z.looseObject({}),
    responses: { 200: { description: 'echo' } },
    handler: ({ params, body }) => ({ body: { id: params.id, body } }),
  });
  defineRoute(router, registry, 'GET /things', {
    summary: 'list', tags: ['test'], access: 'public',
    responses: { 200: { description: 'list' } },
    handler: ({ req }) => ({ body: { query: req.query, cookies: req.cookies } }),
  });
  router.get('/throws/:kind', (req) => {
    if (req.params.kind === 'stack') throw new RangeError('Maximum call stack size exceeded');
    if (req.params.kind === 'uri') decodeURIComponent('%E0%A4%A');
    throw new Error('a bug of ours');
  });
  app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; fields?: Record<string, string> } } & Record<string, unknown>;
}

async function send(method: string, path: string, raw?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: raw as BodyInit | undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

/** Asserts 400 bad_request whose fields name exactly `field`. */
function refused(r: Answer, field: string): void {
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error?.code, 'bad_request');
  assert.ok(r.body.error.message.length > 0);
  assert.deepEqual(Object.keys(r.body.error.fields ?? {}), [field]);
}

describe('body', () => {
  test('storable text passes unchanged: CJK, emoji (a surrogate pair), quotes', async () => {
    const r = await send('POST', '/things/a', JSON.stringify({ comment: '宁波 😀 "引号"', list: ['𠀀'] }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { id: 'a', body: { comment: '宁波 😀 "引号"', list: ['𠀀'] } });
  });

  test('a lone high or low surrogate, escaped in the JSON text, is refused naming the field', async () => {
    refused(await send('POST', '/things/a', '{"comment":"a\\ud800b"}'), 'comment');
    refused(await send('POST', '/things/a', '{"payload":{"items":["ok","\\udc00"]}}'), 'payload.items.1');
    refused(await send('POST', '/things/a', '{"x":"\\udc00\\ud800"}'), 'x'); // a pair in the wrong order
  });

  test('a NUL character is refused, escaped or raw', async () => {
    refused(await send('POST', '/things/a', '{"reason":"a\\u0000b"}'), 'reason');
    // Unescaped, JSON itself refuses it: still a 400, from the parser.
    const raw = await send('POST', '/things/a', '{"reason":"a\u0000b"}');
    assert.equal(raw.status, 400);
    assert.equal(raw.body.error?.code, 'bad_request');
  });

  test('prototype keys are refused at the top and nested', async () => {
    refused(await send('POST', '/things/a', '{"__proto__":{"admin":true}}'), '__proto__');
    refused(await send('POST', '/things/a', '{"payload":{"constructor":{"prototype":{"x":1}}}}'), 'payload.constructor');
    refused(await send('POST', '/things/a', '{"a":[{"prototype":1}]}'), 'a.0.prototype');
  });

  test('a key with a lone surrogate is refused, and the field name sent back is well-formed', async () => {
    const r = await send('POST', '/things/a', '{"bad\\ud800key":1}');
    refused(r, 'bad\uFFFDkey');
  });

  test('a 10 000-deep body is refused before anything recursive sees it, arrays and objects alike', async () => {
    const before = hashed;
    const arrays = await send('POST', '/things/a', '['.repeat(10_000) + ']'.repeat(10_000));
    assert.equal(arrays.status, 400);
    assert.equal(arrays.body.error?.code, 'bad_request');
    const objects = await send('POST', '/things/a', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), { 'idempotency-key': 'k-1' });
    assert.equal(objects.status, 400);
    assert.match(Object.keys(objects.body.error?.fields ?? {})[0] ?? '', /^a(\.a)+$/);
    assert.equal(hashed, before, 'the hashing middleware saw a body the guard should have refused');
  });

  test('more items than the limit are refused; an ordinary list passes', async () => {
    assert.equal((await send('POST', '/things/a', JSON.stringify({ ids: Array.from({ length: 100 }, (_, i) => i) }))).status, 200);
    const r = await send('POST', '/things/a', JSON.stringify({ ids: Array.from({ length: 20_000 }, () => 1) }));
    assert.equal(r.status, 400);
    assert.equal(r.body.error?.code, 'bad_request');
  });

  test('a string over the text limit but inside the body limit → 400 naming it', async () => {
    refused(await send('POST', '/things/a', JSON.stringify({ note: 'x'.repeat(100_001) })), 'note');
  });

  test('a 5 MB string and a 5 MB body → 413, not 500', async () => {
    const big = await send('POST', '/things/a', JSON.stringify({ note: 'x'.repeat(5 * 1024 * 1024) }));
    assert.equal(big.status, 413);
    assert.equal(big.body.error?.code, 'payload_too_large');
    const many = await send('POST', '/things/a', JSON.stringify(Array.from({ length: 700_000 }, () => 'abcdef')));
    assert.equal(many.status, 413);
  });

  test('a body that is not an object, or empty, reaches validation (422), not a 500', async () => {
    for (const raw of ['"text"', '42', 'null', '[1,2]', 'true']) {
      const r = await send('POST', '/things/a', raw);
      assert.ok(r.status === 422 || r.status === 200, `${raw}: ${r.status}`); // null is read as no body: {}
      if (r.status === 422) assert.equal(r.body.error?.code, 'validation_failed');
    }
    assert.equal((await send('POST', '/things/a', '')).status, 200);
  });
});

describe('query', () => {
  test('plain values pass', async () => {
    const r = await send('GET', '/things?status=open&q=%E5%AE%81%E6%B3%A2');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.query, { status: 'open', q: '宁波' });
  });

  test('a NUL in a value or a name is refused naming it', async () => {
    refused(await send('GET', '/things?q=a%00b'), 'q');
    refused(await send('GET', '/things?a%00=1'), 'a\uFFFD');
  });

  test('repeated names, array and nested forms, prototype names → 400', async () => {
    refused(await send('GET', '/things?status=a&status=b'), 'status');
    refused(await send('GET', '/things?status[]=a'), 'status[]');
    refused(await send('GET', '/things?a[b][c]=1'), 'a[b][c]');
    refused(await send('GET', '/things?__proto__=1'), '__proto__');
    refused(await send('GET', '/things?constructor=1'), 'constructor');
  });

  test('encoded lone surrogates never reach a route as lone surrogates', async () => {
    // The query parser turns bytes that are not UTF-8 into U+FFFD.
    const r = await send('GET', '/things?q=%ED%A0%80');
    assert.equal(r.status, 200);
    assert.doesNotMatch(JSON.stringify(r.body), /\\ud[89ab]/i);
  });
});

describe('path parameters', () => {
  test('a NUL → 400 naming the parameter; an encoded surrogate or a broken escape → 400', async () => {
    refused(await send('POST', '/things/a%00b', '{}'), 'id');
    for (const p of ['%ED%A0%80', '%ED%B0%80', '%E0%A4%A', '%C0%80', '%FF']) {
      const r = await send('POST', `/things/${p}`, '{}');
      assert.equal(r.status, 400, p);
      assert.equal(r.body.error?.code, 'bad_request', p);
    }
  });

  test('an over-long id → 400 from the route schema', async () => {
    refused(await send('POST', `/things/${'X'.repeat(5000)}`, '{}'), 'id');
  });
});

describe('headers', () => {
  test('Idempotency-Key: visible ASCII up to 200 characters', async () => {
    assert.equal((await send('POST', '/things/a', '{}', { 'idempotency-key': 'order-2026-0001' })).status, 200);
    refused(await send('POST', '/things/a', '{}', { 'idempotency-key': 'k'.repeat(201) }), 'Idempotency-Key');
    refused(await send('POST', '/things/a', '{}', { 'idempotency-key': 'a b' }), 'Idempotency-Key');
    refused(await send('POST', '/things/a', '{}', { 'idempotency-key': 'clé' }), 'Idempotency-Key');
  });

  test('Authorization: printable ASCII of bounded length', async () => {
    refused(await send('GET', '/things', undefined, { authorization: 'Bearer clé' }), 'Authorization');
    refused(await send('GET', '/things', undefined, { authorization: `Bearer ${'x'.repeat(2000)}` }), 'Authorization');
  });

  test('headers the API does not read are left alone', async () => {
    assert.equal((await send('GET', '/things', undefined, { 'x-anything': 'clé' })).status, 200);
  });
});

describe('cookies', () => {
  test('a JSON cookie (j:…) or a NUL is dropped, not refused: the caller is just not signed in', async () => {
    const r = await send('GET', '/things', undefined, { cookie: 'yongshu_session=j:{"a":1}; list=j:[1,2]; nul=a%00; sur=%ED%A0%80; ok=abc-_XYZ' });
    assert.equal(r.status, 200);
    // An escape that does not decode to UTF-8 is kept as its raw (ASCII) text by cookie-parser: harmless.
    assert.deepEqual(r.body.cookies, { ok: 'abc-_XYZ', sur: '%ED%A0%80' });
  });
});

describe('the error handler', () => {
  test('a stack overflow and a URIError are answered 400 with an error body', async () => {
    for (const kind of ['stack', 'uri']) {
      const r = await send('GET', `/throws/${kind}`);
      assert.equal(r.status, 400, kind);
      assert.equal(r.body.error?.code, 'bad_request');
    }
  });

  test('our own bugs stay 500 (the guard hides nothing else)', async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const r = await send('GET', '/throws/bug');
      assert.equal(r.status, 500);
      assert.equal(r.body.error?.code, 'internal');
    } finally {
      console.error = original;
    }
  });
});

test('displayPath: well-formed, bounded field names', () => {
  assert.equal(displayPath(''), '_');
  assert.equal(displayPath('a.\uD800.b'), 'a.\uFFFD.b');
  assert.equal(displayPath('emoji😀'), 'emoji😀');
  assert.equal(displayPath('\u0000'), '\uFFFD');
  const long = displayPath('😀'.repeat(150));
  assert.equal(Array.from(long).length, 101);
  assert.ok(!/[\uD800-\uDBFF]$/.test(long.slice(0, -1)), 'a cut split a surrogate pair');
});
