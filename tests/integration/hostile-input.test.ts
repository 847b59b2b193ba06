/**
 * Hostile input across every route of the OpenAPI document (issue #12, item 3):
 * lone surrogates, NUL bytes, 10 000-deep JSON (with and without an
 * Idempotency-Key), 5 MB strings and bodies, prototype keys, wrong JSON types,
 * malformed JSON, odd content types, non-finite numbers, hostile path and query
 * values, extreme instants, headers, JSON cookies and URLs over Node's header
 * limit — as an administrator, as an ordinary user and anonymously.
 *
 * Asserted for every request: no 5xx (except a 503 the route documents), and
 * every error answer is `{error: {code, message}}`. What the input guard must
 * refuse is asserted exactly (400 naming the field, 413 for size). Afterwards the
 * application still works: a fresh case takes a decision, /health is ok.
 *
 * Lone surrogates are written into the JSON text as `\ud800` escapes and sent
 * raw: JSON.stringify would escape them itself.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { DEFAULT_STORABLE_LIMITS } from '../../domain/input/storable';
import { anonymous, API, as, assertError, caseOf, type Client, decide, fileCase, inboxOn, type Json, openTask, rsPayload, signIn } from './client';

// ---- hostile material (JSON source text, inserted raw)

const HIGH = '"a\\ud800b"';
const LOW = '"a\\udc00b"';
const NUL = '"a\\u0000b"';
const BAD_TEXT: Record<string, string> = { 'lone high surrogate': HIGH, 'lone low surrogate': LOW, NUL };
const BAD_NUMBERS = ['1e400', '-1e400', '1.7976931348623157e308', '9007199254740993', '-0', '0.5', '"NaN"', '"Infinity"', '"1e3"'];
const DEEP_ARRAY = '['.repeat(10_000) + ']'.repeat(10_000);
const DEEP_OBJECT = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
// The guard names the first value past the depth limit; a fallback that merely caught a stack overflow would name none.
const DEEP_ARRAY_FIELD = Array(DEFAULT_STORABLE_LIMITS.maxDepth).fill('0').join('.');
const DEEP_OBJECT_FIELD = Array(DEFAULT_STORABLE_LIMITS.maxDepth).fill('a').join('.');
const FIVE_MB = 5 * 1024 * 1024;
const BIG_STRING_BODY = JSON.stringify({ text: 'x'.repeat(FIVE_MB) });
const BIG_BODY = JSON.stringify(Array.from({ length: FIVE_MB / 8 }, (_, i) => i % 1000));
const MALFORMED = ['{"a":', "{'a':1}", '{"a":1}garbage', '{"a":tru}', '\u0000', '{"a":"\u0000"}'];
const WRONG_BODIES = ['"text"', '42', '[]', 'null', 'true', '[{"a":1}]'];
// Not text, or not decodable: 400 from the guard or the router, whoever the caller.
const REFUSED_PATH_VALUES = ['%ED%A0%80', '%ED%B0%80', '%00', 'a%00b', '%E0%A4%A', '%C0%80', '%FF', '%F0%9F%98'];
// Decodable but odd: any 4xx (an over-long id is 400 signed in, 401 anonymous).
const ODD_PATH_VALUES = ['X'.repeat(5000), '..%2F..%2Fetc', '%25', '1e400', 'NaN', '-0'];
const BAD_QUERY_VALUES = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80', '%E0%A4%A', 'X'.repeat(8000), '1e400', 'NaN', '-0', '%F0%9F%98'];
const EXTREME_INSTANTS = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '1969-12-31T23:59:59Z', '9999-12-31T23:59:59-12:00', '2026-02-29T10:00:00+08:00'];
const BAD_QUERIES = ['a[b][c]=1', '__proto__=1', 'constructor[prototype]=1', '%00=1', 'x=1&x=2', 'x[]=1'];

/** Decoded query values the guard must refuse. */
const refusedQueryValue = (v: string) => v.includes('%00');

// ---- the OpenAPI document

interface Operation {
  method: string;
  path: string; // OpenAPI style: /cases/{id}
  pathParams: string[];
  queryParams: { name: string; schema: Json }[];
  body: Json | null;
  documented: Set<number>;
}

function deref(schema: Json, doc: Json): Json {
  let s = schema;
  while (s && s.$ref) s = doc.components.schemas[String(s.$ref).replace('#/components/schemas/', '')];
  return s ?? {};
}

/** A valid-looking value for a JSON schema (every property, smallest lengths). */
function sample(schema: Json, doc: Json): unknown {
  const s = deref(schema, doc);
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return sample(variants.find((v: Json) => deref(v, doc).type !== 'null') ?? variants[0], doc);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return '2026-09-30T10:00:00+08:00';
      if (s.format === 'date') return '2099-01-01';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? {}, doc));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json>)) {
        const value = sample(v, doc);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    default:
      return undefined; // z.unknown(): leave it out
  }
}

/** Valid-looking bodies where the schema alone says too little (a payload typed per case type). */
const BODY_OVERRIDES: Record<string, unknown> = {
  'POST /cases': { type: 'restricted-share', payload: rsPayload() },
};

function operationsOf(doc: Json): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item as Record<string, Json>)) {
      const params = (op.parameters ?? []) as Json[];
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: BODY_OVERRIDES[`${method.toUpperCase()} ${path}`] ?? (body ? sample(body, doc) : null),
        documented: new Set(Object.keys(op.responses ?? {}).map(Number)),
      });
    }
  }
  // Served outside defineRoute, so not in the document: probed all the same.
  for (const path of ['/openapi.json', '/docs/']) ops.push({ method: 'GET', path, pathParams: [], queryParams: [], body: null, documented: new Set([200]) });
  return ops;
}

/** Every string (or number) leaf of a value, by path. */
function leaves(v: unknown, kind: 'string' | 'number', path: string[] = []): string[][] {
  if (typeof v === kind) return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, kind, [...path, String(i)]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leaves(x, kind, [...path, k]));
  return [];
}

const PLACEHOLDER = '@@hostile@@';
/** JSON text of `body` with the leaf at `path` replaced by raw JSON text. */
function withRaw(body: unknown, path: string[], raw: string): string {
  const copy = structuredClone(body) as Json;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  at[path[path.length - 1]!] = PLACEHOLDER;
  return JSON.stringify(copy).replace(`"${PLACEHOLDER}"`, raw);
}

// ---- sending

interface Probe {
  what: string;
  method: string;
  path: string; // relative to /api/v1, already encoded
  raw?: string;
  headers?: Record<string, string>;
  /** What the guard must answer: a status, and for 400 the field it names. */
  expect?: { status: number | '4xx'; field?: string };
}

interface Answer {
  status: number;
  body: Json;
  contentType: string;
}

/** node:http, for what fetch will not send (a body on GET or HEAD). */
function sendRaw(client: Client, method: string, path: string, raw: string, headers: Record<string, string>, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${API}${path}`);
    const req = http.request(
      { method, host: url.hostname, port: url.port, signal, path: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/json', ...(client.cookie ? { cookie: client.cookie } : {}), ...headers, 'content-length': Buffer.byteLength(raw) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Json;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body, contentType: String(res.headers['content-type'] ?? '') });
        });
      },
    );
    req.on('error', reject);
    req.end(raw);
  });
}

// A request that never answers is a failure (a wedged case holds its caller), not a hung suite.
const ANSWER_WITHIN_MS = 30_000;

async function send(client: Client, p: Probe): Promise<Answer> {
  const signal = AbortSignal.timeout(ANSWER_WITHIN_MS);
  try {
    if (p.raw !== undefined && (p.method === 'GET' || p.method === 'HEAD')) return await sendRaw(client, p.method, p.path, p.raw, p.headers ?? {}, signal);
    const r = await client.request(p.method, p.path, { ...(p.raw !== undefined ? { raw: p.raw } : {}), headers: p.headers, signal });
    return { status: r.status, body: r.body, contentType: r.headers.get('content-type') ?? '' };
  } catch (e) {
    if (signal.aborted) return { status: 0, body: undefined, contentType: '' };
    throw e;
  }
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

// ---- the probes of one operation

function probesOf(op: Operation, realParams: Record<string, string>, idem: () => string, anonymousCaller: boolean): Probe[] {
  const fill = (overrides: Record<string, string> = {}) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => overrides[name] ?? encodeURIComponent(realParams[name] ?? 'x'));
  const path = fill();
  const hasBody = op.method !== 'GET' && op.method !== 'HEAD';
  const probes: Probe[] = [];
  const add = (what: string, p: Omit<Probe, 'what' | 'method'> & { method?: string }) => probes.push({ what, method: op.method, ...p });

  // A body on every operation, with or without a body schema (the guard sees all of them).
  const base = op.body ?? { note: 'x', nested: { list: ['x'] } };
  for (const leaf of leaves(base, 'string')) {
    for (const [name, raw] of Object.entries(BAD_TEXT)) add(`${name} in ${leaf.join('.')}`, { path, raw: withRaw(base, leaf, raw), expect: { status: 400, field: leaf.join('.') } });
  }
  for (const leaf of leaves(base, 'number')) for (const raw of BAD_NUMBERS) add(`number ${raw} in ${leaf.join('.')}`, { path, raw: withRaw(base, leaf, raw) });
  add('lone surrogate in a key', { path, raw: '{"k\\ud800":1}', expect: { status: 400 } });
  add('__proto__ at the top', { path, raw: '{"__proto__":{"admin":true}}', expect: { status: 400, field: '__proto__' } });
  add('constructor at the top', { path, raw: '{"constructor":{"prototype":{"admin":true}}}', expect: { status: 400, field: 'constructor' } });
  add('__proto__ nested', { path, raw: '{"payload":{"list":[{"__proto__":{"admin":true}}]}}', expect: { status: 400, field: 'payload.list.0.__proto__' } });
  add('10 000-deep array', { path, raw: DEEP_ARRAY, expect: { status: 400, field: DEEP_ARRAY_FIELD } });
  add('10 000-deep object', { path, raw: DEEP_OBJECT, expect: { status: 400, field: DEEP_OBJECT_FIELD } });
  add('10 000-deep array with an Idempotency-Key', { path, raw: DEEP_ARRAY, headers: { 'idempotency-key': idem() }, expect: { status: 400, field: DEEP_ARRAY_FIELD } });
  add('10 000-deep object with an Idempotency-Key', { path, raw: DEEP_OBJECT, headers: { 'idempotency-key': idem() }, expect: { status: 400, field: DEEP_OBJECT_FIELD } });
  if (hasBody) {
    add('5 MB string', { path, raw: BIG_STRING_BODY, expect: { status: 413 } });
    add('5 MB body', { path, raw: BIG_BODY, expect: { status: 413 } });
    for (const raw of MALFORMED) add(`malformed JSON ${JSON.stringify(raw)}`, { path, raw, expect: { status: 400 } });
    for (const raw of WRONG_BODIES) add(`body ${raw}`, { path, raw });
    if (op.body && typeof op.body === 'object' && !Array.isArray(op.body)) {
      for (const field of Object.keys(op.body)) {
        for (const raw of ['null', '{}', '[]', '123', 'true']) add(`${field}: ${raw}`, { path, raw: withRaw(op.body, [field], raw) });
      }
    }
    const valid = JSON.stringify(base);
    for (const type of ['text/plain', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      add(`content type ${JSON.stringify(type)}`, { path, raw: valid, headers: { 'content-type': type } });
    }
    add('empty JSON body', { path, raw: '' });
    add('gzip claimed, plain sent', { path, raw: valid, headers: { 'content-encoding': 'gzip' } });
    // Headers we read.
    add('Idempotency-Key too long', { path, raw: valid, headers: { 'idempotency-key': 'k'.repeat(201) }, expect: { status: 400, field: 'Idempotency-Key' } });
    add('Idempotency-Key with a space', { path, raw: valid, headers: { 'idempotency-key': 'a b' }, expect: { status: 400, field: 'Idempotency-Key' } });
    add('Idempotency-Key not ASCII', { path, raw: valid, headers: { 'idempotency-key': 'clé' }, expect: { status: 400, field: 'Idempotency-Key' } });
  }
  add('Authorization not ASCII', { path, headers: { authorization: 'Bearer clé' }, expect: { status: 400, field: 'Authorization' } });
  add('Authorization too long', { path, headers: { authorization: `Bearer ${'x'.repeat(5000)}` }, expect: { status: 400, field: 'Authorization' } });
  add('Authorization not Bearer', { path, headers: { authorization: 'Basic YTpi' } });
  if (anonymousCaller) {
    // The client sends its own session cookie otherwise. cookie-parser makes a `j:` cookie a JSON value.
    for (const cookie of ['yongshu_session=j:{"a":1}', 'yongshu_session=j:[[[1]]]', 'yongshu_session=a%00b', 'yongshu_session=%ED%A0%80', `yongshu_session=${'x'.repeat(5000)}`]) {
      add(`cookie ${cookie.slice(0, 30)}`, { path, headers: { cookie } });
    }
  }
  add('URL over the header limit', { path: `${path}?q=${'x'.repeat(64 * 1024)}`, expect: { status: 431 } });

  // Path parameters, one at a time.
  for (const name of op.pathParams) {
    for (const v of REFUSED_PATH_VALUES) add(`path ${name}=${v}`, { path: fill({ [name]: v }), expect: { status: 400 } });
    for (const v of ODD_PATH_VALUES) add(`path ${name}=${v.slice(0, 20)}`, { path: fill({ [name]: v }), expect: { status: '4xx' } });
  }
  // Query values: the declared ones, and shapes nobody declares. Sent without a body.
  for (const { name, schema } of op.queryParams) {
    // Valid ISO 8601 that a database may not hold (PostgreSQL has no year 0).
    if (schema?.format === 'date-time') for (const v of EXTREME_INSTANTS) add(`query ${name}=${v}`, { path: `${path}?${name}=${encodeURIComponent(v)}` });
    for (const v of BAD_QUERY_VALUES) add(`query ${name}=${v.slice(0, 20)}`, { path: `${path}?${name}=${v}`, ...(refusedQueryValue(v) ? { expect: { status: 400, field: name } } : {}) });
    add(`query ${name} twice`, { path: `${path}?${name}=a&${name}=b`, expect: { status: 400, field: name } });
    add(`query ${name}[]`, { path: `${path}?${name}[]=a`, expect: { status: 400, field: `${name}[]` } });
  }
  for (const q of BAD_QUERIES) add(`query ${q}`, { path: `${path}?${q}`, expect: { status: 400 } });

  // Other methods on the same path.
  add('HEAD', { method: 'HEAD', path });
  add('OPTIONS', { method: 'OPTIONS', path });
  add('PATCH', { method: 'PATCH', path });
  return probes;
}

// ---- the suite

describe('hostile input on every route', () => {
  let amr: Client; // applicant: files the case
  let reviewer: Client; // bdb.reviewer: holds its first task
  let admin: Client;
  let caseId = ''; // its first task is hammered and must stay open
  let taskId = '';
  let withdrawnCaseId = ''; // an empty body withdraws a case, so the withdraw route gets one of its own

  before(async () => {
    [amr, reviewer, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('admin')]);
    caseId = await fileCase(amr);
    taskId = (await openTask(reviewer, caseId, 'bdb-review')).id;
    withdrawnCaseId = await fileCase(amr);
  });

  test('no route answers 5xx, every error is {error:{code,message}}, and the guard refuses what it must', async () => {
    const doc = (await anonymous().get('/openapi.json')).body;
    const ops = operationsOf(doc);
    assert.ok(ops.length >= 20, `only ${ops.length} operations in the OpenAPI document`);

    let n = 0;
    const idem = () => `hostile-${process.pid}-${n++}`;
    const real: Record<string, string> = { code: 'NB-PSB-0001', year: '2099' };
    const idFor = (path: string) => (path.startsWith('/tasks/') ? taskId : path.startsWith('/admin/grants/') ? 'no-such-grant' : path.endsWith('/withdraw') ? withdrawnCaseId : caseId);
    const paramsFor = (op: Operation): Record<string, string> => ({ ...real, id: idFor(op.path) });

    // Signing out ends the session: those probes get sessions of their own.
    const principals: [string, Client, Client][] = [
      ['admin', admin, await signIn('admin')],
      ['amr.applicant', amr, await signIn('amr.applicant')],
      ['anonymous', anonymous(), anonymous()],
    ];

    const failures: string[] = [];
    let sent = 0;
    const jobs: { who: string; client: Client; op: Operation; probe: Probe }[] = [];
    for (const [who, client, signOutClient] of principals) {
      for (const op of ops) {
        const c = op.method === 'DELETE' && op.path === '/session' ? signOutClient : client;
        for (const probe of probesOf(op, paramsFor(op), idem, who === 'anonymous')) jobs.push({ who, client: c, op, probe });
      }
    }

    await pool(jobs, 8, async ({ who, client, op, probe }) => {
      const r = await send(client, probe);
      sent++;
      const where = `${who} ${probe.method} ${probe.path.slice(0, 80)} [${probe.what}] → ${r.status} ${JSON.stringify(r.body)?.slice(0, 200)}`;
      if (r.status === 0) failures.push(`no answer within ${ANSWER_WITHIN_MS / 1000} s: ${where}`);
      if (r.status >= 500 && !(r.status === 503 && op.documented.has(503))) failures.push(`5xx: ${where}`);
      if (r.status >= 400 && probe.method !== 'HEAD') {
        const e = r.body?.error;
        if (!/json/.test(r.contentType) || typeof e?.code !== 'string' || typeof e?.message !== 'string' || e.message === '') failures.push(`not an error body: ${where}`);
      }
      if (probe.expect) {
        const ok = probe.expect.status === '4xx' ? r.status >= 400 && r.status < 500 : r.status === probe.expect.status;
        if (!ok) failures.push(`expected ${probe.expect.status}: ${where}`);
        else if (probe.expect.field !== undefined && probe.method !== 'HEAD' && !(probe.expect.field in (r.body?.error?.fields ?? {}))) failures.push(`field ${probe.expect.field} not named: ${where}`);
      }
    });

    console.log(`hostile requests sent: ${sent} (${ops.length} operations × ${principals.length} callers)`);
    assert.equal(sent, jobs.length);
    assert.deepEqual(failures, [], `${failures.length} of ${sent} hostile requests failed:\n${failures.slice(0, 60).join('\n')}`);
  });

  test('a decision comment with a lone surrogate is refused at the edge, naming comment; the task stays open and is then decided normally', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const r = await reviewer.request('POST', `/tasks/${task.id}/decision`, { raw: '{"decision":"approve","comment":"a\\ud800b"}' });
    assertError(r, 400, 'bad_request', { fields: ['comment'] });
    const low = await reviewer.request('POST', `/tasks/${task.id}/decision`, { raw: '{"decision":"approve","comment":"\\udc00"}', headers: { 'Idempotency-Key': `hostile-low-${task.id}` } });
    assertError(low, 400, 'bad_request', { fields: ['comment'] });
    assert.ok((await inboxOn(reviewer, id)).some((t: Json) => t.id === task.id), 'the task is no longer open');
    const after = await decide(reviewer, task.id, { decision: 'approve', comment: '材料齐全 😀' });
    assert.equal(after.tasks.find((t: Json) => t.id === task.id)?.status, 'done');
    await openTask(await as('psb.provider'), id, 'provider-consent'); // the case moved on
  });

  test('a withdraw reason with a lone surrogate or a NUL is refused naming reason, and the case is not withdrawn', async () => {
    const id = await fileCase(amr);
    assertError(await amr.request('POST', `/cases/${id}/withdraw`, { raw: '{"reason":"不再需要\\ud800"}' }), 400, 'bad_request', { fields: ['reason'] });
    assertError(await amr.request('POST', `/cases/${id}/withdraw`, { raw: '{"reason":"a\\u0000"}' }), 400, 'bad_request', { fields: ['reason'] });
    assert.equal((await caseOf(amr, id)).status, 'in-progress');
  });

  test('a lone surrogate deep in a filing payload is refused naming its path; no case is filed', async () => {
    const before = (await amr.get('/cases?mine=true')).body.items.length as number;
    const raw = JSON.stringify({ type: 'restricted-share', payload: rsPayload({ dataItems: ['姓名', '@'] }) }).replace('"@"', '"\\udfff"');
    assertError(await amr.request('POST', '/cases', { raw, headers: { 'Idempotency-Key': `hostile-file-${process.pid}` } }), 400, 'bad_request', { fields: ['payload.dataItems.1'] });
    assert.equal((await amr.get('/cases?mine=true')).body.items.length, before);
  });

  test('afterwards the application still works: a fresh case takes a decision, /health is ok', async () => {
    const id = await fileCase(amr);
    const task = await openTask(reviewer, id, 'bdb-review');
    const c = await decide(reviewer, task.id, { decision: 'approve', comment: '通过' });
    assert.equal(c.tasks.find((t: Json) => t.id === task.id)?.status, 'done');
    // The task the sweep hammered is still open and still decidable.
    assert.ok((await inboxOn(reviewer, caseId)).some((t: Json) => t.id === taskId), 'the hammered task is no longer open');
    await decide(reviewer, taskId, { decision: 'approve' });
    const health = await anonymous().get('/health');
    assert.equal(health.status, 200, health.text);
    assert.equal(health.body.status, 'ok');
  });
});
