/**
 * `npm run bench:inbox`: the inbox at a city's scale (issue #10 item 5).
 * For each database — SQLite in a temporary directory, and PostgreSQL on a
 * throwaway cluster when its server binaries are installed — loads 1 000
 * tasks, measures, tops the same database up to 100 000 tasks (about 54 000
 * cases), measures again, and prints the p95 of each read at both sizes and
 * their ratio. The API is the real one (createApi on the loaded database,
 * over HTTP, signed in as the demo users); reads never reach Temporal, so its
 * client is one that refuses to be used. No assertion on time: the ratios
 * are printed, the target (≤ 1.5) is for people to judge.
 *
 *   npm run bench:inbox                         both databases, 1 000 and 100 000 tasks
 *   npm run bench:inbox -- sqlite 1000,20000    one database, other sizes
 *   BENCH_REQUESTS=100 npm run bench:inbox      requests per measurement (default 200: a p95 of 50 is the third largest, one spike)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Client as PgClient } from 'pg';
import type { Client as TemporalClient } from '@temporalio/client';
import { createApi } from '../../api/app';
import { loadEnv } from '../../config/env';
import { createDb } from '../../db/client';
import { prepareDatabase } from '../../scripts/prepare-database';
import { findPostgresBin, startThrowawayPostgres } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/free-port';
import { temporalSettings } from '../../temporal.config';
import { DEMO_PASSWORD } from '../../prisma/demo-data';
import { loadInbox, postgresWriter, SEARCH_WORD, sqliteWriter, type BulkWriter, type Loaded } from './inbox-data';

const args = process.argv.slice(2);
const databases = (args.find((a) => /^(sqlite|postgres)(,|$)/.test(a)) ?? 'sqlite,postgres').split(',');
const sizes = (args.find((a) => /^\d+(,\d+)*$/.test(a)) ?? '1000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 10;
const DEEP_PAGE = 20;
const DEEP_LIMIT = 20;

/** Temporal is never reached by these reads: a client that says so if it ever is. */
const unusedTemporal = new Proxy({} as TemporalClient, {
  get(_t, prop) {
    throw new Error(`bench:inbox: the read under test reached Temporal (client.${String(prop)})`);
  },
});

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))] ?? NaN;

interface Api {
  get(user: string, p: string): Promise<{ status: number; body: { nextCursor?: string | null; total?: number; items?: unknown[] } }>;
  stop(): Promise<void>;
}

async function startApi(databaseUrl: string): Promise<Api> {
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: databaseUrl });
  const db = createDb(databaseUrl);
  const app = express();
  app.use('/api/v1', createApi({ env, db, temporal: { client: unusedTemporal, settings: temporalSettings(env) }, auditKey: crypto.randomBytes(32) }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const cookies = new Map<string, string>();
  const cookieOf = async (user: string) => {
    let c = cookies.get(user);
    if (!c) {
      const r = await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: DEMO_PASSWORD }) });
      const m = r.headers.getSetCookie().map((l) => /^(yongshu_session=[^;]*)/.exec(l)?.[1]).find(Boolean);
      if (r.status !== 200 || !m) throw new Error(`sign-in as ${user}: ${r.status} ${await r.text()}`);
      cookies.set(user, (c = m));
    }
    return c;
  };
  return {
    async get(user, p) {
      const r = await fetch(`${base}${p}`, { headers: { cookie: await cookieOf(user), accept: 'application/json' } });
      return { status: r.status, body: (await r.json()) as { nextCursor?: string | null; total?: number } };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.$disconnect();
    },
  };
}

/** Shanghai calendar date `days` before now. */
const shanghaiDay = (now: Date, days = 0) => new Date(now.getTime() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);

/** One read the bench times, as a path on the API of either size. */
interface Probe {
  name: string;
  user: string;
  path: (api: Api) => Promise<{ path: string; note?: string }>;
}

/** The path of the `depth`-th page (or the last there is), following nextCursor. */
const deepPath = (user: string, first: string, depth: number) => async (api: Api) => {
  let p = first;
  let page = 1;
  for (; page < depth; page++) {
    const r = await api.get(user, p);
    if (!r.body.nextCursor) break;
    p = `${first}&cursor=${encodeURIComponent(r.body.nextCursor)}`;
  }
  return { path: p, note: `page ${page} of ${DEEP_LIMIT}` };
};
const at = (p: string) => async () => ({ path: p });

const probes = (now: Date): Probe[] => [
  { name: 'inbox, first page (psb.provider)', user: 'psb.provider', path: at('/tasks?status=open') },
  { name: 'inbox, deep page (psb.provider)', user: 'psb.provider', path: deepPath('psb.provider', `/tasks?status=open&limit=${DEEP_LIMIT}`, DEEP_PAGE) },
  { name: 'inbox, first page (bdb.reviewer)', user: 'bdb.reviewer', path: at('/tasks?status=open') },
  { name: 'inbox, done, first page (psb.provider)', user: 'psb.provider', path: at('/tasks?status=done') },
  { name: 'overdue view (bdb.coordinator)', user: 'bdb.coordinator', path: at('/tasks/overdue') },
  { name: 'overdue view, deep page', user: 'bdb.coordinator', path: deepPath('bdb.coordinator', `/tasks/overdue?limit=${DEEP_LIMIT}`, DEEP_PAGE) },
  { name: 'cases, first page (bdb.coordinator)', user: 'bdb.coordinator', path: at('/cases') },
  { name: 'cases, first page (psb.provider)', user: 'psb.provider', path: at('/cases') },
  { name: `case search q=${SEARCH_WORD} (title)`, user: 'bdb.coordinator', path: at(`/cases?q=${encodeURIComponent(SEARCH_WORD)}`) },
  { name: 'case search q=公安 (organisation)', user: 'bdb.coordinator', path: at(`/cases?q=${encodeURIComponent('公安')}`) },
  { name: 'case search q=公安 (psb.provider)', user: 'psb.provider', path: at(`/cases?q=${encodeURIComponent('公安')}`) },
  { name: 'cases overdue=true (bdb.coordinator)', user: 'bdb.coordinator', path: at('/cases?overdue=true') },
  { name: 'cases overdue=true (psb.provider)', user: 'psb.provider', path: at('/cases?overdue=true') },
  { name: 'supervision, last quarter', user: 'bdb.coordinator', path: at(`/stats/supervision?from=${shanghaiDay(now, 91)}&to=${shanghaiDay(now)}`) },
];

interface Measured {
  name: string;
  p95: number[];
  notes: string[];
}

/**
 * Each probe against every size, the requests interleaved (small, large,
 * small, …): the machine's other load then weighs on both sides of a ratio alike.
 */
async function measureAll(apis: Api[], now: Date): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const probe of probes(now)) {
    const paths = await Promise.all(apis.map((api) => probe.path(api)));
    const totals: (number | undefined)[] = apis.map(() => undefined);
    const once = async (i: number) => {
      const { path: p } = paths[i] as { path: string };
      const r = await (apis[i] as Api).get(probe.user, p);
      if (r.status !== 200) throw new Error(`GET ${p} as ${probe.user}: ${r.status} ${JSON.stringify(r.body)}`);
      totals[i] = typeof r.body.total === 'number' ? r.body.total : undefined;
    };
    for (let k = 0; k < WARM_UP; k++) for (let i = 0; i < apis.length; i++) await once(i);
    const xs: number[][] = apis.map(() => []);
    for (let k = 0; k < REQUESTS; k++) {
      for (let i = 0; i < apis.length; i++) {
        const t = performance.now();
        await once(i);
        (xs[i] as number[]).push(performance.now() - t);
      }
    }
    out.push({
      name: probe.name,
      p95: xs.map(p95),
      notes: paths.map((p, i) => [p.note, totals[i] !== undefined ? `total ${totals[i]}` : undefined].filter(Boolean).join(', ')),
    });
  }
  return out;
}

interface Target {
  name: string;
  /** A fresh, empty database of that name. */
  database(name: string): Promise<string>;
  writer(url: string): Promise<BulkWriter>;
  stop(): void;
}

async function sqliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-bench-inbox-'));
  return {
    name: 'SQLite',
    database: async (name) => `file:${path.join(dir, `${name}.db`)}`,
    writer: async (url) => sqliteWriter(url.replace(/^file:/, '')),
    stop: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target | null> {
  if (!findPostgresBin()) {
    console.log('PostgreSQL: skipped (no server binaries in /usr/lib/postgresql/*/bin; apt-get install postgresql, or set PG_BIN)');
    return null;
  }
  const pg = await startThrowawayPostgres(await freePort());
  return {
    name: 'PostgreSQL',
    async database(name) {
      const admin = new PgClient({ connectionString: pg.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE bench_${name}`);
      await admin.end();
      return pg.url.replace(/\/[^/]+$/, `/bench_${name}`);
    },
    writer: (url) => postgresWriter(url),
    stop: () => pg.stop(),
  };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** Loads one database per size (the smaller ones are the first cases of the larger), then measures them side by side. */
async function benchOne(target: Target): Promise<void> {
  const now = new Date();
  const apis: Api[] = [];
  const loads: Loaded[] = [];
  try {
    for (const size of sizes) {
      const url = await target.database(`s${size}`);
      await prepareDatabase(url, { seed: true });
      const w = await target.writer(url);
      const t = performance.now();
      const { loaded: l } = await loadInbox(w, { fromCase: 0, tasksSoFar: 0, taskTarget: size, now });
      await w.analyze();
      await w.close();
      console.log(
        `${target.name}: ${l.tasks} tasks (${l.openTasks} open, ${l.overdueOpen} of them overdue; psb ${l.psbOpen} open, bdb-reviewer ${l.bdbReviewerOpen}), ${l.cases} cases — loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      loads.push(l);
      apis.push(await startApi(url));
    }
    const measured = await measureAll(apis, now);
    const ratioOf = (m: Measured) => (m.p95.at(-1) as number) / (m.p95[0] as number);
    const head = ['', ...loads.map((l) => `p95 @ ${l.tasks} tasks`), ...(loads.length > 1 ? [`ratio ${(sizes.at(-1) as number) / (sizes[0] as number)}×`] : [])];
    const rows = measured.map((m) => [m.name, ...m.p95.map(fmt), ...(loads.length > 1 ? [`${ratioOf(m).toFixed(2)}${ratioOf(m) > 1.5 ? '  ← above 1.5' : ''}`] : [])]);
    const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => [...(r[c] ?? '')].length)));
    const line = (r: string[]) => `| ${r.map((x, c) => x + ' '.repeat((widths[c] as number) - [...x].length)).join(' | ')} |`;
    console.log(`\n${target.name}, p95 of ${REQUESTS} requests per size after ${WARM_UP} to warm up (HTTP, one at a time, sizes interleaved)`);
    console.log(line(head));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    console.log(`at ${loads.at(-1)?.tasks} tasks: ${measured.filter((m) => m.notes.at(-1)).map((m) => `${m.name}: ${m.notes.at(-1)}`).join('; ')}\n`);
  } finally {
    for (const api of apis) await api.stop();
  }
}

async function main() {
  for (const name of databases) {
    const target = name === 'postgres' ? await postgresTarget() : await sqliteTarget();
    if (!target) continue;
    try {
      await benchOne(target);
    } finally {
      target.stop();
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
