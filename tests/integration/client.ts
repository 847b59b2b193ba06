/**
 * A small HTTP client for the integration tests: signs in as a demo user
 * (keeping the `yongshu_session` cookie), speaks JSON, and never throws on an
 * HTTP status, so tests can assert status codes and error bodies exactly.
 *
 * BASE_URL is the running stack (`npm test` passes it; default the dev stack).
 */
import assert from 'node:assert/strict';

export const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
export const API = `${BASE_URL}/api/v1`;
export const DEMO_PASSWORD = 'ningbo-demo';

// Response bodies are whatever JSON the server sent; tests assert their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Res {
  status: number;
  body: Json;
  headers: Headers;
  text: string;
}

export interface RequestOptions {
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  /** A body sent as is (with the content type of `headers`, default application/json). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Gives up on the request (e.g. AbortSignal.timeout), for tests that must not hang on a server that never answers. */
  signal?: AbortSignal;
}

export class Client {
  constructor(
    readonly cookie: string | null = null,
    readonly username: string | null = null,
  ) {}

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Res> {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | Uint8Array | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] ??= 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${API}${path}`, { method, headers, body: body as BodyInit | undefined, redirect: 'manual', signal: opts.signal });
    const text = await res.text();
    let parsed: Json = undefined;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  }

  get(path: string, opts?: RequestOptions) {
    return this.request('GET', path, opts);
  }
  post(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request('POST', path, { ...opts, body: body ?? opts.body });
  }
  put(path: string, body?: unknown, opts: RequestOptions = {}) {
    return this.request('PUT', path, { ...opts, body: body ?? opts.body });
  }
  del(path: string, opts?: RequestOptions) {
    return this.request('DELETE', path, opts);
  }
}

/** Not signed in. */
export const anonymous = (): Client => new Client();

/** The `name=value` pair of the session cookie in a response, if it set one. */
export function sessionCookieOf(headers: Headers): string | null {
  for (const line of headers.getSetCookie()) {
    const m = /^(yongshu_session=[^;]*)/.exec(line);
    if (m?.[1]) return m[1];
  }
  return null;
}

/** Signs in as a demo user; a fresh session each time. */
export async function signIn(username: string, password = DEMO_PASSWORD): Promise<Client> {
  const r = await anonymous().post('/session', { username, password });
  assert.equal(r.status, 200, `sign-in as ${username} failed: ${r.status} ${r.text}`);
  const cookie = sessionCookieOf(r.headers);
  assert.ok(cookie, `sign-in as ${username} set no session cookie`);
  return new Client(cookie, username);
}

const sessions = new Map<string, Promise<Client>>();
/** One shared session per demo user within a test file. */
export function as(username: string): Promise<Client> {
  let c = sessions.get(username);
  if (!c) {
    c = signIn(username);
    c.catch(() => sessions.delete(username));
    sessions.set(username, c);
  }
  return c;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns a truthy value (which is returned), for the
 * few effects that happen after the HTTP answer (e.g. the first task of a case).
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** Asserts an error answer: exact status and code, and (when given) the field keys, article. */
export function assertError(r: Res, status: number, code: string, expect: { fields?: string[]; fieldsInclude?: string[]; article?: RegExp | string } = {}): void {
  const ctx = `${r.status} ${r.text}`;
  assert.equal(r.status, status, ctx);
  assert.equal(typeof r.body?.error, 'object', `no error body: ${ctx}`);
  assert.equal(r.body.error.code, code, ctx);
  assert.equal(typeof r.body.error.message, 'string', ctx);
  assert.ok(r.body.error.message.length > 0, ctx);
  if (expect.fields) assert.deepEqual(Object.keys(r.body.error.fields ?? {}).sort(), [...expect.fields].sort(), ctx);
  if (expect.fieldsInclude) for (const f of expect.fieldsInclude) assert.ok(f in (r.body.error.fields ?? {}), `field ${f} missing: ${ctx}`);
  if (expect.article !== undefined) {
    if (typeof expect.article === 'string') assert.equal(r.body.error.article, expect.article, ctx);
    else assert.match(r.body.error.article ?? '', expect.article, ctx);
  }
}

// ---- restricted-share helpers

/** A complete, valid restricted-share payload; override what a test needs. */
export function rsPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    resources: ['NB-PSB-0001'],
    dataItems: ['公民身份号码', '姓名'],
    businessProcess: '企业开办登记时核验法定代表人身份',
    scenario: '企业开办“一件事”联办',
    dutyBasis: '《市场主体登记管理条例》第十六条',
    method: 'interface',
    accessDays: 180,
    undertaking: true,
    ...overrides,
  };
}

/** Files a restricted-share case and returns its id (asserting 201). */
export async function fileCase(c: Client, payload: Record<string, unknown> = rsPayload(), headers?: Record<string, string>): Promise<string> {
  const r = await c.post('/cases', { type: 'restricted-share', payload }, { headers });
  assert.equal(r.status, 201, `filing failed: ${r.status} ${r.text}`);
  return r.body.id as string;
}

/** Waits until the caller's inbox holds an open task of `step` on `caseId`, and returns it. */
export function openTask(c: Client, caseId: string, step: string, timeoutMs = 10_000): Promise<Json> {
  return waitFor(`an open ${step} task on ${caseId} for ${c.username}`, async () => {
    const r = await c.get(`/tasks?status=open&step=${encodeURIComponent(step)}&caseId=${encodeURIComponent(caseId)}`);
    assert.equal(r.status, 200, r.text);
    return (r.body.items as Json[]).find((t) => t.caseId === caseId && t.step === step);
  }, timeoutMs);
}

/** The case as `c` sees it (asserting 200). */
export async function caseOf(c: Client, caseId: string): Promise<Json> {
  const r = await c.get(`/cases/${encodeURIComponent(caseId)}`);
  assert.equal(r.status, 200, `GET /cases/${caseId}: ${r.status} ${r.text}`);
  return r.body;
}

/** Decides a task and asserts 200; returns the case of the answer. */
export async function decide(c: Client, taskId: string, body: Record<string, unknown>): Promise<Json> {
  const r = await c.post(`/tasks/${encodeURIComponent(taskId)}/decision`, body);
  assert.equal(r.status, 200, `decision ${JSON.stringify(body)} on ${taskId}: ${r.status} ${r.text}`);
  return r.body.case;
}

/** The open tasks of the caller's inbox on one case. */
export async function inboxOn(c: Client, caseId: string, status: 'open' | 'done' = 'open'): Promise<Json[]> {
  const r = await c.get(`/tasks?status=${status}&caseId=${encodeURIComponent(caseId)}&limit=200`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.nextCursor, null, 'one case has fewer than 200 tasks');
  return r.body.items as Json[];
}

/**
 * "2026-12-05T00:00:00+08:00" as people in Ningbo write a deadline: "2026年12月4日24:00"
 * (a deadline at 00:00 is the previous day's 24:00, PROCEDURES §2). Input must carry +08:00.
 */
export function shanghaiWords(iso: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):\d\d\+08:00$/.exec(iso);
  assert.ok(m, `not a Shanghai time: ${iso}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (h === 0 && mi === 0) {
    const prev = new Date(Date.UTC(y, mo - 1, d) - 86_400_000);
    return `${prev.getUTCFullYear()}年${prev.getUTCMonth() + 1}月${prev.getUTCDate()}日24:00`;
  }
  return `${y}年${mo}月${d}日${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
}

/** Whether a history comment names `iso` in Shanghai time (as ISO with +08:00, or in words). */
export const namesShanghaiTime = (comment: string, iso: string): boolean => comment.includes(iso) || comment.includes(shanghaiWords(iso));

/** The audit entries of one action on one target, as an administrator lists them. */
export async function auditEntries(admin: Client, target: string, action: string): Promise<Json[]> {
  const r = await admin.get(`/admin/audit?target=${encodeURIComponent(target)}`);
  assert.equal(r.status, 200, r.text);
  return (r.body.items as Json[]).filter((e) => e.action === action && e.target === target);
}
