/**
 * After the load: from the database and from Temporal, no case is lost, none
 * is duplicated, and every projection row exists once. Each check is one
 * named result (counted like a test); a failing one says which cases and why.
 */
import { Client as PgClient } from 'pg';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import type { CaseRun } from './lifecycle-load';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

const WORKFLOW_TYPE = 'restrictedShareWorkflow';
const sample = (xs: string[]) => `${xs.length}: ${xs.slice(0, 5).join('; ')}${xs.length > 5 ? ' …' : ''}`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rows grouped by case id; `expected(caseId, rows)` returns what is wrong with them, or null. */
function perCase<T extends { caseId: string }>(ids: string[], rows: T[], expected: (rows: T[]) => string | null): string[] {
  const by = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) by.get(r.caseId)?.push(r);
  return ids.flatMap((id) => {
    const wrong = expected(by.get(id) ?? []);
    return wrong ? [`${id} ${wrong}`] : [];
  });
}

export async function databaseChecks(databaseUrl: string, runs: CaseRun[], casesBefore: number): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const check = (name: string, problems: string[]) => out.push({ name, ok: problems.length === 0, detail: problems.length ? sample(problems) : undefined });
  const ids = runs.flatMap((r) => (r.id ? [r.id] : []));
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const q = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

    const total = Number((await q<{ n: string }>(`SELECT count(*) AS n FROM "Case" WHERE type = 'restricted-share'`))[0]!.n);
    const cases = await q<{ caseId: string; status: string; workflowId: string; startState: string }>(
      `SELECT id AS "caseId", status, "workflowId", "startState" FROM "Case" WHERE id = ANY($1)`,
      [ids],
    );
    check('database: every filed case has one row, and no other case was filed', [
      ...(new Set(ids).size !== runs.length ? [`${runs.length} filings answered ${new Set(ids).size} distinct case ids`] : []),
      ...(total - casesBefore !== runs.length ? [`${runs.length} filings, ${total - casesBefore} new case rows`] : []),
      ...perCase(ids, cases, (rows) => (rows.length === 1 ? null : `${rows.length} rows`)),
    ]);

    const keys = await q<{ key: string; caseId: string | null; status: number }>(
      `SELECT key, body->>'id' AS "caseId", status FROM "IdempotencyKey" WHERE key = ANY($1)`,
      [runs.map((r) => r.filingKey)],
    );
    check('database: one Idempotency-Key row per filing, naming its one case', runs.flatMap((r) => {
      const rows = keys.filter((k) => k.key === r.filingKey);
      return rows.length === 1 && rows[0]!.status === 201 && rows[0]!.caseId === r.id ? [] : [`${r.filingKey}: ${JSON.stringify(rows)} for case ${r.id}`];
    }));

    check('database: every case granted, its workflow started', perCase(ids, cases, ([c]) =>
      c && c.status === 'granted' && c.startState === 'started' && c.workflowId === `restricted-share-${c.caseId}` ? null : JSON.stringify(c ?? null)));

    const tasks = await q<{ id: string; caseId: string; step: string; status: string; decision: string | null }>(
      `SELECT id, "caseId", step, status, decision FROM "Task" WHERE "caseId" = ANY($1)`,
      [ids],
    );
    check('database: two tasks per case — bdb-review approved, provider-consent agreed, none open', perCase(ids, tasks, (rows) => {
      const got = rows.map((t) => `${t.step}:${t.status}:${t.decision}`).sort().join(',');
      return got === 'bdb-review:done:approve,provider-consent:done:agree' ? null : got || 'no tasks';
    }));

    const history = await q<{ caseId: string; action: string; step: string | null; n: string }>(
      `SELECT "caseId", action, step, count(*) AS n FROM "HistoryEntry" WHERE "caseId" = ANY($1) GROUP BY "caseId", action, step`,
      [ids],
    );
    const once = ['filed', 'decided:bdb-review', 'decided:provider-consent', 'granted', 'case-granted'];
    check('database: history — filed, each decision, granted and case-granted once per case', perCase(ids, history, (rows) => {
      const count = (k: string) => rows.filter((h) => (h.step && k.includes(':') ? `${h.action}:${h.step}` : h.action) === k).reduce((s, h) => s + Number(h.n), 0);
      const wrong = once.filter((k) => count(k) !== 1).map((k) => `${k}×${count(k)}`);
      return wrong.length ? wrong.join(' ') : null;
    }));
    const twins = await q<{ caseId: string; action: string; n: string }>(
      `SELECT "caseId", action, count(*) AS n FROM "HistoryEntry" WHERE "caseId" = ANY($1)
       GROUP BY "caseId", action, step, "taskId", decision, comment, data::text HAVING count(*) > 1`,
      [ids],
    );
    check('database: no history entry written twice (same case, action, step, task, decision, comment, data)', twins.map((t) => `${t.caseId} ${t.action}×${t.n}`));

    const audit = await q<{ caseId: string; action: string; target: string; n: string }>(
      `SELECT split_part(key, '-audit-', 1) AS "caseId", action, target, count(*) AS n FROM "AuditEntry"
       WHERE split_part(key, '-audit-', 1) = ANY($1) GROUP BY 1, 2, 3`,
      [ids],
    );
    const targets = [...ids.map((id) => `case:${id}`), ...tasks.map((t) => `task:${t.id}`)];
    const byTarget = await q<{ target: string; action: string; n: string }>(
      `SELECT target, action, count(*) AS n FROM "AuditEntry" WHERE action IN ('case-file', 'decision') AND target = ANY($1) GROUP BY 1, 2`,
      [targets],
    );
    check('audit: one case-file entry per case and one decision entry per task', [
      ...perCase(ids, audit, (rows) => {
        const files = rows.filter((a) => a.action === 'case-file').reduce((s, a) => s + Number(a.n), 0);
        const decisions = rows.filter((a) => a.action === 'decision');
        return files === 1 && decisions.length === 2 && decisions.every((d) => Number(d.n) === 1) ? null : JSON.stringify(rows);
      }),
      ...byTarget.filter((a) => Number(a.n) !== 1).map((a) => `${a.target} ${a.action}×${a.n}`),
    ]);

    const grants = await q<{ caseId: string; resourceCode: string; status: string }>(`SELECT "caseId", "resourceCode", status FROM "AccessGrant" WHERE "caseId" = ANY($1)`, [ids]);
    check('database: one active access grant per case', perCase(ids, grants, (rows) =>
      rows.length === 1 && rows[0]!.resourceCode === 'NB-PSB-0001' && rows[0]!.status === 'active' ? null : JSON.stringify(rows)));
  } finally {
    await db.end();
  }
  return out;
}

export async function temporalChecks(address: string, namespace: string, runs: CaseRun[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const check = (name: string, problems: string[]) => out.push({ name, ok: problems.length === 0, detail: problems.length ? sample(problems) : undefined });
  const expected = new Set(runs.flatMap((r) => (r.id ? [`restricted-share-${r.id}`] : [])));
  const connection = await Connection.connect({ address });
  try {
    const client = new TemporalClient({ connection, namespace });
    // Visibility is written asynchronously: list until every expected workflow shows, for a while.
    let listed: string[] = [];
    const until = Date.now() + 30_000;
    for (;;) {
      listed = [];
      for await (const w of client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}'` })) listed.push(w.workflowId);
      if ([...expected].every((id) => listed.includes(id)) || Date.now() > until) break;
      await sleep(1000);
    }
    const counts = new Map<string, number>();
    for (const id of listed) counts.set(id, (counts.get(id) ?? 0) + 1);
    check(`temporal: one ${WORKFLOW_TYPE} run per case and none besides (listed ${listed.length})`, [
      ...[...expected].filter((id) => !counts.has(id)).map((id) => `${id} missing`),
      ...[...counts].filter(([id, n]) => n !== 1 || !expected.has(id)).map(([id, n]) => `${id} ×${n}${expected.has(id) ? '' : ' (no case of this run)'}`),
    ]);

    const problems: string[] = [];
    const ids = [...expected];
    for (let k = 0; k < ids.length; k += 10) {
      await Promise.all(
        ids.slice(k, k + 10).map(async (workflowId) => {
          try {
            const handle = client.workflow.getHandle(workflowId);
            const d = await handle.describe();
            // The case is granted; the workflow keeps running until its grant expires (180 days).
            if (d.status.name !== 'RUNNING') problems.push(`${workflowId} is ${d.status.name}`);
            const state = await handle.query<{ status: string; tasks: { status: string }[] }>('state');
            if (state.status !== 'granted') problems.push(`${workflowId} state ${state.status}`);
            if (state.tasks.some((t) => t.status === 'open')) problems.push(`${workflowId} has open tasks`);
          } catch (e) {
            problems.push(`${workflowId}: ${(e as Error).message}`);
          }
        }),
      );
    }
    check('temporal: every case workflow running with a granted state and no open task (describe + query)', problems);
  } finally {
    await connection.close();
  }
  return out;
}
