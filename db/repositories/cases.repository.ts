/**
 * Cases, tasks, history and grants as the API shows them: the projection the
 * workflows write, read with the caller's visibility applied.
 */
import { isPostgres, type Db } from '../client';
import { fromJson } from '../json';
import type { Principal } from '../../domain/auth/principal';
import { createCalendarMemo, createCountdowns, formatShanghai, type Countdown, type CountdownInput } from '../../domain/calendar';
import { createCalendarRepository } from './calendar.repository';
import { grantUseSummaries } from './grant-access.repository';
import { grantStatusAt } from '../../domain/grants/grant-access';
import { actionLabel } from '../../domain/cases/labels';
import { stepLabelOf } from '../../domain/procedures';
import { caseAudience, seesEveryCase, visibleCaseParts, type CaseViewer } from '../../domain/cases/case-visibility';
import type { AcceptanceCheckView, OpinionView, CaseDetailView, CaseSummaryView, GrantView, HistoryEntryView, OverdueTaskView, ProblemOutcomeView, ResourceOutcomeView, TaskView } from '../../domain/views';
import type { CaseStatus, CaseType } from '../../domain/cases/case-types';
import { mergeSorted, type CaseCursor, type DoneTaskCursor, type OpenTaskCursor, type OverdueTaskCursor } from '../../domain/paging';
import type { Prisma } from '../../generated/prisma';
import { disputedConsentTask } from '../../domain/supervision/problem-list';
import { foldAscii, upperAscii } from '../../domain/cases/search-terms';
import { CASE_TOTAL_CAP, SEARCH_TOTAL_CAP, cappedTotal, type CaseTotal } from '../../domain/cases/case-total';
import { queryBigrams, rarestBigram } from './case-search';
import { SqlParams } from '../sql-params';
import { openOverduePerOrg } from './supervision-rollup';

const iso = (d: Date | null | undefined) => (d ? formatShanghai(d) : null);

type TaskRow = Awaited<ReturnType<Db['task']['findFirstOrThrow']>>;
type CaseRow = Awaited<ReturnType<Db['case']['findFirstOrThrow']>>;

type TaskWithCase = TaskRow & { case: { type: string; title: string } };

export interface CaseListFilter {
  type?: string;
  status?: string;
  mine?: boolean;
  /** Part of the case id, title or applicant organisation's name. */
  q?: string;
  /** Only cases with an open task past its deadline. */
  overdue?: boolean;
  /** Only cases on the problem list 问题清单 (Art. 18 ¶2), each with its disputed providers. */
  problemList?: boolean;
}

export interface TaskListFilter {
  status: 'open' | 'done';
  caseId?: string;
  caseType?: string;
  step?: string;
}

/** What a case summary needs: never the payload, which can be large. */
const caseSummaryFields = {
  id: true,
  type: true,
  title: true,
  status: true,
  applicantOrgId: true,
  applicantUserId: true,
  createdAt: true,
  updatedAt: true,
  workflowId: true,
} as const;

/**
 * Rows strictly after `values` in the order of `fields` (all ascending or all
 * descending): a ≥ x and ((a > x) or (a = x and b > y) or …). The redundant
 * bound on the first field lets the index seek to the cursor; without it the
 * database reads every row before it (measured on SQLite: a deep page of
 * 200 000 tasks took 10 ms instead of 0.3 ms).
 */
export function keysetAfter<W, F extends string>(fields: readonly F[], values: readonly (Date | string)[], dir: 'asc' | 'desc'): W {
  const op = dir === 'asc' ? 'gt' : 'lt';
  return {
    AND: [
      { [fields[0] as F]: { [dir === 'asc' ? 'gte' : 'lte']: values[0] } },
      {
        OR: fields.map((field, i) => ({
          ...Object.fromEntries(fields.slice(0, i).map((f, j) => [f, values[j]])),
          [field]: { [op]: values[i] },
        })),
      },
    ],
  } as W;
}

/** An open task past its deadline, or marked overdue by its workflow. */
const lateOpenTask = (now: Date): Prisma.TaskWhereInput => ({ status: 'open', OR: [{ dueAt: { lte: now } }, { overdueSince: { not: null } }] });

const cmpKey = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);
/** The open inbox's order: with a deadline first, by (dueAt, createdAt, id); then by (createdAt, id). */
const byOpenOrder = (a: TaskRow, b: TaskRow): number => {
  if ((a.dueAt === null) !== (b.dueAt === null)) return a.dueAt === null ? 1 : -1;
  return cmpKey(a.dueAt?.getTime() ?? 0, b.dueAt?.getTime() ?? 0) || cmpKey(a.createdAt.getTime(), b.createdAt.getTime()) || cmpKey(a.id, b.id);
};
/** Done tasks: latest completion first, then by id desc; tasks never completed last. */
const byDoneOrder = (a: TaskRow, b: TaskRow): number => {
  if ((a.completedAt === null) !== (b.completedAt === null)) return a.completedAt === null ? 1 : -1;
  return cmpKey(b.completedAt?.getTime() ?? 0, a.completedAt?.getTime() ?? 0) || cmpKey(b.id, a.id);
};

interface StoredOutcome {
  /** Problem-data cases: the loop's outcome as the workflow wrote it. */
  resolution?: ProblemOutcomeView['resolution'];
  closedBy?: ProblemOutcomeView['closedBy'];
  urgent?: boolean;
  handlingWorkingDays?: number;
  rounds?: ProblemOutcomeView['rounds'];
  /** IT project cases: as the workflow wrote them (instants in UTC ISO). */
  opinion?: OpinionView | null;
  acceptanceCheck?: AcceptanceCheckView | null;
  registeredResources?: string[] | null;
  nextReminderAt?: string | null;
  resources: { code: string; name: string; providerId: string; providerName: string; outcome: ResourceOutcomeView['outcome']; note: string | null }[];
}

/** An IT project's outcome, its instants shown in Shanghai time like every other. */
const itProjectOutcome = (s: StoredOutcome) => ({
  opinion: s.opinion ? { ...s.opinion, issuedAt: formatShanghai(new Date(s.opinion.issuedAt)) } : null,
  acceptanceCheck: s.acceptanceCheck ? { ...s.acceptanceCheck, checkedAt: formatShanghai(new Date(s.acceptanceCheck.checkedAt)) } : null,
  registeredResources: s.registeredResources ?? null,
  nextReminderAt: s.nextReminderAt ? formatShanghai(new Date(s.nextReminderAt)) : null,
});

const problemOutcome = (s: StoredOutcome): ProblemOutcomeView => ({
  resolution: s.resolution ?? null,
  closedBy: s.closedBy ?? null,
  urgent: s.urgent ?? false,
  handlingWorkingDays: s.handlingWorkingDays ?? 5,
  rounds: s.rounds ?? [],
});

/** A word of `q` and the organisations whose name contains it. */
interface QueryWord {
  word: string;
  orgIds: string[];
}


/**
 * The list's conditions on one case row `c`, in SQL for both dialects — the
 * same as its Prisma filter (`list`): visibility, mine, type, status, problem
 * list, overdue (an open task past its deadline; a provider's own late tasks
 * only, or any late task of its own applications) and every word of `q` in the
 * id, title or applicant organisation. Each is a test of that row (EXISTS
 * through Task(caseId) / Task(assigneeOrgId, caseId)): whatever drives the
 * walk — the search's terms, the late tasks, the provider's cases — supplies
 * the rows. `visibility: false` when the driver already keeps to visible cases.
 */
function caseConditions(sql: SqlParams, viewer: CaseViewer, f: CaseListFilter, words: QueryWord[], now: Date, visibility = true): string[] {
  const where: string[] = [];
  const provider = !seesEveryCase(viewer);
  const lateTask = (orgId?: string) =>
    `EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = c."id" AND t."status" = 'open' AND (t."dueAt" <= ${sql.p(now)} OR t."overdueSince" IS NOT NULL)` +
    `${orgId === undefined ? '' : ` AND (t."assigneeOrgId" = ${sql.p(orgId)} OR c."applicantOrgId" = ${sql.p(orgId)})`})`;
  if (f.mine) where.push(`c."applicantOrgId" = ${sql.p(viewer.orgId)}`);
  // With overdue=true a provider's condition below keeps to its own applications and tasks: visible already.
  else if (visibility && provider && !f.overdue) {
    // OFFSET 0 keeps PostgreSQL from hashing every task of the organisation (11 000 for psb.provider at 100k) to
    // test a page of cases: each case is probed in Task(assigneeOrgId, caseId) instead. SQLite probes anyway.
    const probe = sql.pg ? ' OFFSET 0' : '';
    const own = `c."applicantOrgId" = ${sql.p(viewer.orgId)} OR EXISTS (SELECT 1 FROM "Task" t WHERE t."assigneeOrgId" = ${sql.p(viewer.orgId)} AND t."caseId" = c."id"${probe})`;
    where.push(`(${own}${viewer.opinionRecipient ? ` OR EXISTS (SELECT 1 FROM "OpinionCc" x WHERE x."orgId" = ${sql.p(viewer.orgId)} AND x."caseId" = c."id")` : ''})`);
  }
  if (f.type) where.push(`c."type" = ${sql.p(f.type)}`);
  if (f.status) where.push(`c."status" = ${sql.p(f.status)}`);
  if (f.problemList) where.push(`c."problemList" = ${sql.p(true)}`);
  // A provider: a late task of its own, or any late task of its own application — one probe per case (with an OR of
  // two EXISTS PostgreSQL hashed every open task of the city).
  if (f.overdue) where.push(provider ? lateTask(viewer.orgId) : lateTask());
  for (const { word, orgIds } of words) {
    // Case ids are upper case (RS-…); people type them either way.
    const ids = `c."id" LIKE ${sql.p(`%${upperAscii(word)}%`)} OR c."id" LIKE ${sql.p(`%${word}%`)} OR c."title" LIKE ${sql.p(`%${word}%`)}`;
    where.push(`(${ids}${orgIds.length ? ` OR c."applicantOrgId" IN (${orgIds.map((id) => sql.p(id)).join(', ')})` : ''})`);
  }
  return where;
}

const and = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

/** A walk's SQL (the ids, in list order) after `after` (a cursor), up to `limit` rows; a fresh parameter list each time. */
type CaseWalk = (after: CaseCursor | null, limit: number) => { text: string; values: unknown[] };

/** Rows after the cursor in list order (createdAt, id) descending; the redundant bound on `t` lets the index seek to it (as keysetAfter). */
const beforeCursor = (sql: SqlParams, t: string, i: string, after: CaseCursor) => {
  const at = new Date(after.t);
  return `${t} <= ${sql.p(at)} AND (${t} < ${sql.p(at)} OR (${t} = ${sql.p(at)} AND ${i} < ${sql.p(after.i)}))`;
};

/**
 * At most this many open tasks past their deadline and not yet marked are
 * looked up by their cases' ids; more (the workers were down for long) are
 * joined from Task instead — slower, never wrong.
 */
const UNMARKED_BY_ID = 500;

/**
 * An open task (alias `t`) past its deadline and not yet marked overdue, written with the literals
 * Task_open_overdueSince_idx names (status = 'open'; overdueSince IS NULL).
 */
const unmarkedLateTask = (sql: SqlParams, t: string, now: Date) => `${t}."status" = 'open' AND ${t}."overdueSince" IS NULL AND ${t}."dueAt" <= ${sql.p(now)}`;

/**
 * The cases with an open task past its deadline not yet marked overdue (its
 * workflow's timer marks it within seconds), read from
 * Task_open_overdueSince_idx alone; null when there are more than
 * UNMARKED_BY_ID. Read first and then looked up by id because PostgreSQL
 * cannot estimate this set (open, unmarked, past due: it guessed 17 000 rows
 * of 1) and would otherwise walk every case looking for them.
 */
async function unmarkedLateCaseIds(db: Db, pg: boolean, now: Date): Promise<string[] | null> {
  const sql = new SqlParams(pg);
  // SQLite's planner would skip-scan Task(status, overdueSince, …) over every status instead of the partial index.
  const task = `"Task" t0${pg ? '' : ' INDEXED BY "Task_open_overdueSince_idx"'}`;
  // Tasks, not DISTINCT cases: asked for distinct case ids PostgreSQL read every open task in case order.
  const text = `SELECT t0."caseId" AS "id" FROM ${task} WHERE ${unmarkedLateTask(sql, 't0', now)} LIMIT ${sql.p(UNMARKED_BY_ID + 1)}`;
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(text, ...sql.values);
  return rows.length > UNMARKED_BY_ID ? null : [...new Set(rows.map((r) => r.id))];
}

/**
 * overdue=true without a search: the cases with an open task past its deadline or marked overdue, as two
 * disjoint sources, each in list order — the party's range of CaseLateParty (the cases with a task its workflow
 * marked, kept by triggers: case-late-sql.ts; '' the city's for those who see every case, else the viewer's
 * organisation: its own late tasks and its applications' late tasks) and the cases of the open tasks past their
 * deadline not yet marked (unmarkedLateCaseIds). The page takes the first `limit` of each, merged; the count goes
 * up to the cap. The list's other conditions (mine, type, status, problem list) are tested on each case row.
 */
async function lateCases(db: Db, viewer: CaseViewer, f: CaseListFilter, now: Date): Promise<{ page: CaseWalk; total: () => Promise<CaseTotal> }> {
  const pg = isPostgres(db);
  const provider = !seesEveryCase(viewer);
  /** The viewer's range of CaseLateParty: '' the city's. */
  const party = provider ? viewer.orgId : '';
  const unmarkedIds = await unmarkedLateCaseIds(db, pg, now);
  const onCase = (sql: SqlParams) => caseConditions(sql, viewer, { ...f, overdue: false }, [], now, false);
  const marked = (sql: SqlParams, select: string, after: CaseCursor | null) => {
    const where = [`l."orgId" = ${sql.p(party)}`];
    const more = onCase(sql);
    if (more.length) where.push(`(SELECT 1 FROM "Case" c WHERE c."id" = l."caseId" AND ${more.join(' AND ')}) IS NOT NULL`);
    if (after) where.push(beforeCursor(sql, 'l."caseCreatedAt"', 'l."caseId"', after));
    return `SELECT ${select} FROM "CaseLateParty" l${and(where)}`;
  };
  /** The cases of unmarked late tasks the viewer sees late (one row each), or null when there are none. */
  const unmarked = (sql: SqlParams, select: string, after: CaseCursor | null, notMarked = false): string | null => {
    if (unmarkedIds?.length === 0) return null;
    const late = (t: string) => unmarkedLateTask(sql, t, now);
    const where: string[] = [];
    if (unmarkedIds) {
      where.push(`c."id" IN (${unmarkedIds.map((id) => sql.p(id)).join(', ')})`);
      if (provider) where.push(`(c."applicantOrgId" = ${sql.p(viewer.orgId)} OR EXISTS (SELECT 1 FROM "Task" t0 WHERE t0."caseId" = c."id" AND ${late('t0')} AND t0."assigneeOrgId" = ${sql.p(viewer.orgId)}))`);
    } else {
      where.push(`EXISTS (SELECT 1 FROM "Task" t0 WHERE t0."caseId" = c."id" AND ${late('t0')}${provider ? ` AND (t0."assigneeOrgId" = ${sql.p(viewer.orgId)} OR c."applicantOrgId" = ${sql.p(viewer.orgId)})` : ''})`);
    }
    where.push(...onCase(sql));
    if (after) where.push(beforeCursor(sql, 'c."createdAt"', 'c."id"', after));
    // Not already in the party's range (the count adds the two instead of merging them).
    if (notMarked) where.push(`NOT EXISTS (SELECT 1 FROM "CaseLateParty" l WHERE l."caseId" = c."id" AND l."orgId" = ${sql.p(party)})`);
    return `SELECT ${select} FROM "Case" c${and(where)}`;
  };
  return {
    page(after, limit) {
      const sql = new SqlParams(pg);
      const a = `${marked(sql, 'l."caseId" AS "id", l."caseCreatedAt" AS "t"', after)} ORDER BY "t" DESC, "id" DESC LIMIT ${sql.p(limit)}`;
      const b = unmarked(sql, 'c."id" AS "id", c."createdAt" AS "t"', after);
      if (!b) return { text: a, values: sql.values };
      const both = `SELECT "id" FROM (SELECT "id", "t" FROM (${a}) a UNION SELECT "id", "t" FROM (${b} ORDER BY "t" DESC, "id" DESC LIMIT ${sql.p(limit)}) b) u`;
      return { text: `${both} ORDER BY "t" DESC, "id" DESC LIMIT ${sql.p(limit)}`, values: sql.values };
    },
    async total() {
      // A party's range holds each case once: counted up to the cap from the index, plus the few unmarked cases
      // not in it (adding, not merging: a UNION sorted the range's 1 001 entries to drop duplicates).
      const sql = new SqlParams(pg);
      const a = `SELECT COUNT(*) FROM (${marked(sql, 'l."caseId" AS "id"', null)} LIMIT ${sql.p(CASE_TOTAL_CAP + 1)}) a`;
      const b = unmarked(sql, 'c."id" AS "id"', null, true);
      const text = b ? `SELECT (${a}) + (SELECT COUNT(*) FROM (${b}) b) AS "n"` : `SELECT (${a}) AS "n"`;
      return cappedTotal(Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(text, ...sql.values))[0]?.n ?? 0));
    },
  };
}

/**
 * A page of the cases a search or overdue=true lists, in raw SQL so the
 * partial indexes of open tasks apply (their condition is the literal
 * `status = 'open'`, which Prisma would send as a parameter). With `q`: the
 * rarest of its bigrams' cases newest first (CaseSearchTerm's key, the list's
 * order), each confirmed by the list's conditions on the case row — the
 * other bigrams are left to the LIKE, which reads that row anyway (checking
 * them in the index first was measured slower). A query of one-character
 * words (no bigram): the cases newest first by Case(createdAt, id,
 * applicantOrgId), each asked for a late task (with overdue=true) by
 * Task(caseId, …) where status = 'open', both from the indexes alone.
 * (overdue=true without a search: lateCases.)
 */
async function caseWalk(db: Db, viewer: CaseViewer, f: CaseListFilter, words: QueryWord[], now: Date): Promise<CaseWalk> {
  const pg = isPostgres(db);
  const bigrams = queryBigrams(words.map((w) => w.word));
  const driver = bigrams.length ? await rarestBigram(db, pg, bigrams, CASE_TOTAL_CAP + 1) : null;
  // A two-character word is its own bigram: a case holds the term exactly when its id, title or applicant's name
  // contains the word — as LIKE decides it on SQLite (ASCII folded both ways); on PostgreSQL, whose LIKE is case
  // sensitive, only for a word without ASCII letters. Its LIKE is then left out, and with no other condition
  // the walk (and the count) reads the term's index alone.
  const decided = driver ? words.find((w) => Array.from(w.word).length === 2 && foldAscii(w.word) === driver && (!pg || !/[A-Za-z]/.test(w.word))) : undefined;
  const rest = words.filter((w) => w !== decided);
  return (after: CaseCursor | null, limit: number) => {
    const sql = new SqlParams(pg);
    const where = driver ? [`s."term" = ${sql.p(driver)}`] : [];
    const onCase = caseConditions(sql, viewer, f, rest, now);
    // A term's case is read by its key, one per term row: written as a subquery, not a join, because PostgreSQL
    // misjudges the LIKE and would hash-join a scan of every case (measured: 32 ms at 52 000 cases instead of 3).
    if (driver && onCase.length) where.push(`(SELECT 1 FROM "Case" c WHERE c."id" = s."caseId" AND ${onCase.join(' AND ')}) IS NOT NULL`);
    else where.push(...onCase);
    const [t, i] = driver ? ['s."createdAt"', 's."caseId"'] : ['c."createdAt"', 'c."id"'];
    if (after) where.push(beforeCursor(sql, t, i, after));
    const from = driver ? `"CaseSearchTerm" s` : `"Case" c`;
    return { text: `SELECT ${i} AS "id" FROM ${from}${and(where)} ORDER BY ${t} DESC, ${i} DESC LIMIT ${sql.p(limit)}`, values: sql.values };
  };
}

/** `SELECT COUNT(*)` over at most `limit` rows of a subquery: the database stops reading there. */
const countUpTo = (inner: string) => `SELECT COUNT(*) AS "n" FROM (${inner}) x`;

/**
 * How many cases a list matches, counted up to CASE_TOTAL_CAP + 1 where the
 * count grows with the city: a search (its walk, once per case, up to
 * SEARCH_TOTAL_CAP + 1) and a
 * provider's cases (read from their index ranges —
 * Task(assigneeOrgId, caseId), Case(applicantOrgId, …) — a case as often as it
 * has such tasks: a limited read counts distinct cases, and when that is not
 * conclusive the exact count follows). The BDB's plain list (by type or
 * status too) is counted exactly from CaseTally; every other (mine=true, the
 * problem list) exactly from Case's indexes.
 */
async function countCases(db: Db, viewer: CaseViewer, f: CaseListFilter, words: QueryWord[], now: Date, search: Awaited<ReturnType<typeof caseWalk>> | null): Promise<CaseTotal> {
  const pg = isPostgres(db);
  const count = async (text: string, values: unknown[]) => Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(text, ...values))[0]?.n ?? 0);
  if (f.q && search) {
    const q = search(null, SEARCH_TOTAL_CAP + 1);
    return cappedTotal(await count(countUpTo(q.text), q.values), SEARCH_TOTAL_CAP);
  }
  const provider = !seesEveryCase(viewer);
  if (!provider && !f.mine && !f.problemList) {
    // The city's cases, of a type or status: from CaseTally (kept by triggers, case-tally-sql.ts), a few rows.
    const sql = new SqlParams(pg);
    const where = [...(f.type ? [`"type" = ${sql.p(f.type)}`] : []), ...(f.status ? [`"status" = ${sql.p(f.status)}`] : [])];
    return { total: await count(`SELECT COALESCE(SUM("cases"), 0) AS "n" FROM "CaseTally"${and(where)}`, sql.values), totalCapped: false };
  }
  if (!(provider && !f.mine)) {
    const sql = new SqlParams(pg);
    const where = caseConditions(sql, viewer, f, words, now);
    return { total: await count(`SELECT COUNT(*) AS "n" FROM "Case" c${and(where)}`, sql.values), totalCapped: false };
  }
  // The rows that can match, each case possibly more than once (one per task): a provider's cases.
  const stream = (sql: SqlParams): string => {
    /** The remaining conditions on the case (mine, type, status, problem list), visibility given by the stream. */
    const onCase = () => caseConditions(sql, viewer, f, words, now, false);
    // A task's case is read only when a condition on it remains.
    const ofTasks = (taskWhere: string) => {
      const more = onCase();
      return more.length
        ? `SELECT t0."caseId" AS "id" FROM "Task" t0 JOIN "Case" c ON c."id" = t0."caseId" WHERE ${taskWhere} AND ${more.join(' AND ')}`
        : `SELECT t0."caseId" AS "id" FROM "Task" t0 WHERE ${taskWhere}`;
    };
    const applied = [`c."applicantOrgId" = ${sql.p(viewer.orgId)}`, ...onCase()];
    const parts = [`SELECT c."id" AS "id" FROM "Case" c WHERE ${applied.join(' AND ')}`, ofTasks(`t0."assigneeOrgId" = ${sql.p(viewer.orgId)}`)];
    if (viewer.opinionRecipient) {
      const copied = [`x."orgId" = ${sql.p(viewer.orgId)}`, ...onCase()];
      parts.push(`SELECT x."caseId" AS "id" FROM "OpinionCc" x JOIN "Case" c ON c."id" = x."caseId" WHERE ${copied.join(' AND ')}`);
    }
    return parts.join(' UNION ALL ');
  };
  const limit = 4 * (CASE_TOTAL_CAP + 1);
  // Distinct cases among at most `limit` rows, up to the cap: SQLite's DISTINCT streams, so it stops reading at the
  // cap's case (PostgreSQL reads the `limit` rows, still bounded).
  const first = new SqlParams(pg);
  const upToCap = `SELECT COUNT(*) AS "n" FROM (SELECT DISTINCT "id" FROM (${stream(first)} LIMIT ${first.p(limit)}) x LIMIT ${first.p(CASE_TOTAL_CAP + 1)}) y`;
  const d = await count(upToCap, first.values);
  if (d > CASE_TOTAL_CAP) return cappedTotal(d);
  // Fewer cases than the cap: exact if the stream ended within `limit` rows; otherwise a few cases had many rows each.
  const rows = new SqlParams(pg);
  if ((await count(countUpTo(`${stream(rows)} LIMIT ${rows.p(limit)}`), rows.values)) < limit) return cappedTotal(d);
  const all = new SqlParams(pg);
  return cappedTotal(await count(`SELECT COUNT(DISTINCT "id") AS "n" FROM (${stream(all)}) x`, all.values));
}

/**
 * How many open tasks are past their deadline or marked overdue (with a
 * deadline), as the overdue view lists them: the supervision page's count per
 * organisation (SupervisionOpenDue by day of the deadline, and the rest of
 * today from the Task index), summed — never a pass over the city's late tasks.
 */
async function countLateTasks(db: Db, now: Date): Promise<number> {
  let n = 0;
  for (const late of (await openOverduePerOrg(db, now)).values()) n += late;
  return n;
}

export function createCasesRepository(db: Db) {
  const orgNames = async (): Promise<Map<string, string>> => new Map((await db.organisation.findMany()).map((o) => [o.id, o.name]));
  const calendar = createCalendarRepository(db);
  /** Countdowns over the calendar as published now: read once per request, shared by every row (the calendar object is rebuilt only when a publish changes it). */
  type Countdowns = (task: CountdownInput, now: Date) => Countdown;
  const calendarOf = createCalendarMemo();
  const countdowns = async (): Promise<Countdowns> => createCountdowns(calendarOf(await calendar.publishedYears()));
  const noCountdown: Countdown = { light: null, workingDaysLeft: null };

  /** A task's countdown and overdue flag, both from one reading of the clock: overdue is the red light. */
  const countdownOf = (t: TaskRow, now: Date, countdown: Countdowns): Countdown & { overdue: boolean } => {
    // A closed task has nothing left to count down.
    const c = t.status === 'open' ? countdown({ dueAt: t.dueAt, markedOverdue: t.overdueSince !== null }, now) : noCountdown;
    return { overdue: c.light === 'red', ...c };
  };

  const toTask = (t: TaskWithCase, names: Map<string, string>, now: Date, countdown: Countdowns): TaskView => ({
    id: t.id,
    caseId: t.caseId,
    caseType: t.case.type as CaseType,
    caseTitle: t.case.title,
    step: t.step,
    stepLabel: stepLabelOf(t.case.type as CaseType, t.step),
    subject: t.subject,
    status: t.status as TaskView['status'],
    assignee: { org: { id: t.assigneeOrgId, name: names.get(t.assigneeOrgId) ?? t.assigneeOrgId }, role: t.assigneeRole as TaskView['assignee']['role'] },
    dueAt: iso(t.dueAt),
    provisional: t.provisional,
    ...countdownOf(t, now, countdown),
    decisions: fromJson<string[]>(t.decisions),
    decision: t.decision,
    createdAt: formatShanghai(t.createdAt),
    completedAt: iso(t.completedAt),
    claimedBy: t.claimedById ? { id: t.claimedById, name: t.claimedByName ?? t.claimedById } : null,
  });

  const toSummary = (c: Pick<CaseRow, keyof typeof caseSummaryFields> & { tasks: Pick<TaskRow, 'step' | 'status'>[] }, names: Map<string, string>, applicantUser: { id: string; displayName: string } | null): CaseSummaryView => ({
    id: c.id,
    type: c.type as CaseType,
    title: c.title,
    status: c.status as CaseStatus,
    currentSteps: [...new Set(c.tasks.filter((t) => t.status === 'open').map((t) => t.step))],
    applicant: { org: { id: c.applicantOrgId, name: names.get(c.applicantOrgId) ?? c.applicantOrgId }, user: applicantUser },
    createdAt: formatShanghai(c.createdAt),
    updatedAt: formatShanghai(c.updatedAt),
    workflowId: c.workflowId,
  });

  const viewerOf = async (p: Principal): Promise<CaseViewer> => {
    const org = await db.organisation.findUnique({ where: { id: p.org.id }, select: { kind: true } });
    return { orgId: p.org.id, orgKind: org?.kind ?? null, admin: p.roles.includes('admin'), opinionRecipient: p.roles.includes('opinion-recipient') };
  };

  /** A case is visible to its applicant organisation, organisations with a task on it, and the BDB (PROCEDURES §1). */
  const visibleWhere = (v: CaseViewer) =>
    seesEveryCase(v)
      ? {}
      : { OR: [{ applicantOrgId: v.orgId }, { tasks: { some: { assigneeOrgId: v.orgId } } }, ...(v.opinionRecipient ? [{ ccItems: { some: { orgId: v.orgId } } }] : [])] };

  /**
   * The organisation that wrote each history entry. Rows written before the
   * projection recorded `actorOrgId` name only the user or API key: resolve it.
   */
  const actorOrgIds = async (rows: { actorId: string | null; actorOrgId: string | null }[]): Promise<Map<string, string>> => {
    const ids = [...new Set(rows.filter((h) => h.actorOrgId === null && h.actorId !== null).map((h) => h.actorId as string))];
    if (ids.length === 0) return new Map();
    const [users, keys] = await Promise.all([
      db.user.findMany({ where: { id: { in: ids } }, select: { id: true, orgId: true } }),
      db.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, orgId: true } }),
    ]);
    return new Map([...users, ...keys].map((x) => [x.id, x.orgId]));
  };

  return {
    async find(id: string) {
      return db.case.findUnique({ where: { id } });
    },

    async findVisible(id: string, p: Principal) {
      return db.case.findFirst({ where: { id, ...visibleWhere(await viewerOf(p)) } });
    },

    /**
     * One page of the cases the caller may see, newest first by (createdAt, id).
     * `q` matches the case id, title or applicant organisation's name; `overdue`
     * keeps cases with an open task past its deadline.
     */
    async list(p: Principal, f: CaseListFilter, page: { limit: number; after: CaseCursor | null }): Promise<{ items: CaseSummaryView[]; next: CaseCursor | null } & CaseTotal> {
      const now = new Date();
      const viewer = await viewerOf(p);
      // The plain list's filter (Prisma); a search and overdue=true are walked in SQL with the same conditions (caseConditions).
      const filters: Prisma.CaseWhereInput[] = [f.mine ? { applicantOrgId: p.org.id } : visibleWhere(viewer)];
      if (f.type) filters.push({ type: f.type });
      if (f.status) filters.push({ status: f.status });
      if (f.problemList) filters.push({ problemList: true });
      let qWords: QueryWord[] = [];
      if (f.q) {
        // LIKE reads % and _ (and on PostgreSQL a backslash) as wildcards, and Prisma does not escape them:
        // they separate words instead, like spaces, and every word must match. No id, title or name contains them.
        const words = f.q.split(/[%_\\\s]+/).filter(Boolean);
        if (words.length === 0) return { items: [], total: 0, totalCapped: false, next: null };
        const orgsOf = await Promise.all(words.map((word) => db.organisation.findMany({ where: { name: { contains: word } }, select: { id: true } })));
        qWords = words.map((word, n) => ({ word, orgIds: (orgsOf[n] ?? []).map((o) => o.id) }));
      }
      const select = { ...caseSummaryFields, tasks: { select: { step: true, status: true, assigneeOrgId: true } } } as const;
      // A search or overdue=true walks in raw SQL (caseWalk, lateCases), then reads the page's cases by id.
      const late = f.overdue && !f.q ? await lateCases(db, viewer, f, now) : null;
      // A provider's cases too: in Prisma's shape PostgreSQL hashed all of the provider's tasks for one page.
      const walk = late ? late.page : f.q || f.overdue || !seesEveryCase(viewer) ? await caseWalk(db, viewer, f, qWords, now) : null;
      const readPage = async () => {
        if (walk) {
          const q = walk(page.after, page.limit + 1);
          const ids = (await db.$queryRawUnsafe<{ id: string }[]>(q.text, ...q.values)).map((r) => r.id);
          const byId = new Map((await db.case.findMany({ where: { id: { in: ids } }, select })).map((c) => [c.id, c]));
          return ids.map((id) => byId.get(id)).filter((c) => c !== undefined);
        }
        const where: Prisma.CaseWhereInput = { AND: filters };
        const after = page.after ? new Date(page.after.t) : null;
        return db.case.findMany({
          where: after && page.after ? { AND: [where, keysetAfter<Prisma.CaseWhereInput, 'createdAt' | 'id'>(['createdAt', 'id'], [after, page.after.i], 'desc')] } : where,
          // Every task of the page's cases, open ones kept below (toSummary): with `status` in the query a planner
          // could read every open task by a status index instead of these few cases' tasks by Task(caseId).
          select,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: page.limit + 1,
        });
      };
      const [rows, total] = await Promise.all([readPage(), late ? late.total() : countCases(db, viewer, f, qWords, now, walk)]);
      const shown = rows.slice(0, page.limit);
      const last = shown.at(-1);
      const names = await orgNames();
      const users = new Map((await db.user.findMany({ where: { id: { in: shown.map((r) => r.applicantUserId).filter((x): x is string => !!x) } } })).map((u) => [u.id, u]));
      const disputed = f.problemList ? await db.task.findMany({ where: { caseId: { in: shown.map((r) => r.id) }, ...disputedConsentTask }, select: { caseId: true, assigneeOrgId: true } }) : [];
      return {
        items: shown.map((r) => {
          const u = r.applicantUserId ? users.get(r.applicantUserId) : undefined;
          // Listed means a party to it; a provider sees the current steps of its own tasks only.
          const audience = caseAudience(viewer, { applicantOrgId: r.applicantOrgId, taskOrgIds: [viewer.orgId], type: r.type });
          const tasks = audience === 'own-part' ? r.tasks.filter((t) => t.assigneeOrgId === viewer.orgId) : r.tasks;
          const summary = toSummary({ ...r, tasks }, names, u ? { id: u.id, displayName: u.displayName } : null);
          if (!f.problemList) return summary;
          // A provider is told of its own dispute only, as it is of its own tasks.
          const orgIds = [...new Set(disputed.filter((t) => t.caseId === r.id && (audience !== 'own-part' || t.assigneeOrgId === viewer.orgId)).map((t) => t.assigneeOrgId))];
          return { ...summary, disputedProviders: orgIds.map((id) => ({ id, name: names.get(id) ?? id })) };
        }),
        ...total,
        next: rows.length > page.limit && last ? { k: 'case', t: last.createdAt.getTime(), i: last.id } : null,
      };
    },

    /** One case, with only the parts the caller's organisation may see (domain/cases/case-visibility). */
    async detail(id: string, p: Principal): Promise<CaseDetailView | null> {
      const viewer = await viewerOf(p);
      const c = await db.case.findFirst({
        where: { id, ...visibleWhere(viewer) },
        include: {
          tasks: { orderBy: { createdAt: 'asc' } },
          history: { orderBy: [{ at: 'asc' }, { key: 'asc' }] },
          grants: { orderBy: { grantedAt: 'asc' } },
          ccItems: { select: { orgId: true } },
        },
      });
      if (!c) return null;
      const audience = caseAudience(viewer, { applicantOrgId: c.applicantOrgId, taskOrgIds: c.tasks.map((t) => t.assigneeOrgId), type: c.type, ccOrgIds: c.ccItems.map((x) => x.orgId) });
      if (!audience) return null;
      const stored = c.outcome ? fromJson<StoredOutcome>(c.outcome) : null;
      const catalog = await db.resource.findMany({
        where: { code: { in: [...new Set([...c.grants.map((g) => g.resourceCode), ...(stored?.resources ?? []).map((r) => r.code)])] } },
        select: { code: true, name: true, providerId: true },
      });
      // Who provides each resource, as the case recorded it when it asked the providers; the catalog for the rest.
      const resourceProvider = new Map([...catalog.map((r) => [r.code, r.providerId] as const), ...(stored?.resources ?? []).map((r) => [r.code, r.providerId] as const)]);
      const actorOrgs = audience === 'whole' ? new Map<string, string>() : await actorOrgIds(c.history);
      const seen = visibleCaseParts(audience, viewer.orgId, resourceProvider, {
        tasks: c.tasks,
        outcomes: stored?.resources ?? [],
        grants: c.grants,
        history: c.history.map((h) => ({ ...h, actorOrgId: h.actorOrgId ?? (h.actorId ? (actorOrgs.get(h.actorId) ?? null) : null) })),
      });

      const names = await orgNames();
      const now = new Date();
      const user = c.applicantUserId ? await db.user.findUnique({ where: { id: c.applicantUserId }, select: { id: true, displayName: true } }) : null;
      const countdown = await countdowns();
      const tasks = seen.tasks.map((t) => toTask({ ...t, case: c }, names, now, countdown));
      const resourceNames = new Map(catalog.map((r) => [r.code, r.name]));
      const uses = await grantUseSummaries(db, seen.grants.map((g) => g.id));
      const grants: GrantView[] = seen.grants.map((g) => ({
        id: g.id,
        resource: g.resourceCode,
        resourceCode: g.resourceCode,
        resourceName: resourceNames.get(g.resourceCode) ?? g.resourceCode,
        scope: fromJson<string[]>(g.scope),
        method: g.method,
        // By the clock: a grant past its expiry reads expired before the workflow's timer records it.
        status: grantStatusAt(g, now),
        grantedAt: formatShanghai(g.grantedAt),
        expiresAt: formatShanghai(g.expiresAt),
        accessCount: uses.get(g.id)?.count ?? 0,
        lastAccessAt: iso(uses.get(g.id)?.lastAt),
      }));
      const history: HistoryEntryView[] = seen.history.map((h) => ({
        at: formatShanghai(h.at),
        actor: h.actor,
        action: h.action,
        actionLabel: actionLabel(h.action),
        step: h.step,
        decision: h.decision,
        comment: h.comment,
        article: h.article,
      }));
      const openTasks = tasks.filter((t) => t.status === 'open');
      return {
        // The current steps of the tasks the viewer may see: a provider is not told of another party's open task.
        ...toSummary({ ...c, tasks: seen.tasks }, names, user ? { id: user.id, displayName: user.displayName } : null),
        payload: fromJson<Record<string, unknown>>(c.payload),
        openTasks,
        tasks,
        deadlines: openTasks
          .filter((t) => t.dueAt)
          .map((t) => ({ step: t.step, org: t.assignee.org, dueAt: t.dueAt as string, provisional: t.provisional, overdue: t.overdue, light: t.light, workingDaysLeft: t.workingDaysLeft })),
        outcome: stored
          ? {
              resources: seen.outcomes.map((r) => ({ code: r.code, name: r.name, provider: { id: r.providerId, name: r.providerName }, outcome: r.outcome, note: r.note })),
              grants,
              problemList: c.problemList,
              ...(c.type === 'problem-data' ? { problem: problemOutcome(stored) } : {}),
              ...(c.type === 'it-project' ? itProjectOutcome(stored) : {}),
            }
          : null,
        history,
        // An IT project may be withdrawn only until its opinion is issued (Art. 9).
        canWithdraw: c.status === 'in-progress' && c.applicantOrgId === p.org.id && (p.roles.includes('applicant') || p.roles.includes('public-applicant')) && !stored?.opinion,
      };
    },

    /**
     * One page of the tasks addressed to the caller's organisation and one of its
     * roles. Open: most urgent first — (dueAt, createdAt, id) for tasks with a
     * deadline, then (createdAt, id) for those without, as two index-ordered
     * segments (a `nulls last` sort could not use the index). Done: latest first.
     * Each role is its own index range, read in order and merged.
     */
    async tasksFor(p: Principal, f: TaskListFilter, page: { limit: number; after: OpenTaskCursor | DoneTaskCursor | null }): Promise<{ items: TaskView[]; total: number; next: OpenTaskCursor | DoneTaskCursor | null }> {
      const statuses = f.status === 'open' ? ['open'] : ['done', 'cancelled'];
      const narrowing: Prisma.TaskWhereInput = {
        ...(f.caseId ? { caseId: f.caseId } : {}),
        ...(f.step ? { step: f.step } : {}),
        ...(f.caseType ? { case: { type: f.caseType } } : {}),
      };
      const ranges = p.roles.flatMap((role) => statuses.map((status) => ({ assigneeOrgId: p.org.id, assigneeRole: role, status, ...narrowing })));
      const take = page.limit + 1;
      // The tasks alone: the page's cases are read once below (an include read them per range, empty ones too).
      const read = (extra: Prisma.TaskWhereInput, orderBy: Prisma.TaskOrderByWithRelationInput[]) =>
        Promise.all(ranges.map((r) => db.task.findMany({ where: { AND: [r, extra] }, orderBy, take })));
      const total = ranges.length ? await db.task.count({ where: { assigneeOrgId: p.org.id, assigneeRole: { in: p.roles }, status: { in: statuses }, ...narrowing } }) : 0;

      let rows: TaskRow[];
      let next: OpenTaskCursor | DoneTaskCursor | null = null;
      if (f.status === 'open') {
        const after = page.after?.k === 'task-open' ? page.after : null;
        const withDeadline = ['dueAt', 'createdAt', 'id'] as const;
        rows = [];
        if (!after || after.d !== null) {
          const from: Prisma.TaskWhereInput = after ? keysetAfter<Prisma.TaskWhereInput, (typeof withDeadline)[number]>(withDeadline, [new Date(after.d as number), new Date(after.t), after.i], 'asc') : {};
          rows = mergeSorted(await read({ AND: [{ dueAt: { not: null } }, from] }, [{ dueAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }]), byOpenOrder, take);
        }
        if (rows.length < take) {
          const from: Prisma.TaskWhereInput = after && after.d === null ? keysetAfter<Prisma.TaskWhereInput, 'createdAt' | 'id'>(['createdAt', 'id'], [new Date(after.t), after.i], 'asc') : {};
          const undated = mergeSorted(await read({ AND: [{ dueAt: null }, from] }, [{ createdAt: 'asc' }, { id: 'asc' }]), byOpenOrder, take - rows.length);
          rows = [...rows, ...undated];
        }
        const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
        if (last) next = { k: 'task-open', d: last.dueAt ? last.dueAt.getTime() : null, t: last.createdAt.getTime(), i: last.id };
      } else {
        const after = page.after?.k === 'task-done' ? page.after : null;
        rows = [];
        if (!after || after.d !== null) {
          const from: Prisma.TaskWhereInput = after ? keysetAfter<Prisma.TaskWhereInput, 'completedAt' | 'id'>(['completedAt', 'id'], [new Date(after.d as number), after.i], 'desc') : {};
          rows = mergeSorted(await read({ AND: [{ completedAt: { not: null } }, from] }, [{ completedAt: 'desc' }, { id: 'desc' }]), byDoneOrder, take);
        }
        if (rows.length < take) {
          const from: Prisma.TaskWhereInput = after && after.d === null ? { id: { lt: after.i } } : {};
          rows = [...rows, ...mergeSorted(await read({ AND: [{ completedAt: null }, from] }, [{ id: 'desc' }]), byDoneOrder, take - rows.length)];
        }
        const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
        if (last) next = { k: 'task-done', d: last.completedAt ? last.completedAt.getTime() : null, i: last.id };
      }
      const shown = rows.slice(0, page.limit);
      const caseIds = [...new Set(shown.map((t) => t.caseId))];
      const [names, countdown, cases] = await Promise.all([
        orgNames(),
        countdowns(),
        caseIds.length ? db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, type: true, title: true } }) : [],
      ]);
      const caseOf = new Map(cases.map((c) => [c.id, c]));
      const now = new Date();
      // Every task's case exists (Task.caseId is a foreign key).
      return { items: shown.map((t) => toTask({ ...t, case: caseOf.get(t.caseId) as TaskWithCase['case'] }, names, now, countdown)), total, next };
    },

    /**
     * The BDB's view of every overdue open task across organisations, most late
     * first: (dueAt, createdAt, id) ascending, keyset-paged. A task is overdue
     * once its deadline has passed or the workflow marked it; a task without a
     * deadline has no lateness to rank and is left out.
     */
    async overdueTasks(page: { limit: number; after: OverdueTaskCursor | null }, now: Date = new Date()): Promise<{ items: OverdueTaskView[]; total: number; next: OverdueTaskCursor | null }> {
      const where: Prisma.TaskWhereInput = { ...lateOpenTask(now), dueAt: { not: null } };
      const order = ['dueAt', 'createdAt', 'id'] as const;
      const from: Prisma.TaskWhereInput = page.after
        ? keysetAfter<Prisma.TaskWhereInput, (typeof order)[number]>(order, [new Date(page.after.d), new Date(page.after.t), page.after.i], 'asc')
        : {};
      const [rows, total, names, countdown] = await Promise.all([
        db.task.findMany({
          where: { AND: [where, from] },
          include: { case: { select: { type: true, title: true } } },
          orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
          take: page.limit + 1,
        }),
        countLateTasks(db, now),
        orgNames(),
        countdowns(),
      ]);
      const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
      return {
        items: rows.slice(0, page.limit).map((t) => {
          const task = toTask(t, names, now, countdown);
          return { ...task, workingDaysLate: Math.max(0, 0 - (task.workingDaysLeft ?? 0)) };
        }),
        total,
        next: last?.dueAt ? { k: 'task-overdue', d: last.dueAt.getTime(), t: last.createdAt.getTime(), i: last.id } : null,
      };
    },

    async task(id: string) {
      return db.task.findUnique({ where: { id }, include: { case: true } });
    },

    async taskView(id: string): Promise<TaskView | null> {
      const t = await db.task.findUnique({ where: { id }, include: { case: true } });
      return t ? toTask(t, await orgNames(), new Date(), await countdowns()) : null;
    },

    /** Running cases with an open deadline that spans `year` (Shanghai), for re-planning. */
    async casesWithDeadlinesIn(year: number): Promise<{ id: string; type: string; workflowId: string }[]> {
      const start = new Date(`${year}-01-01T00:00:00+08:00`);
      const end = new Date(`${year + 1}-01-01T00:00:00+08:00`);
      return db.case.findMany({
        where: { status: 'in-progress', tasks: { some: { status: 'open', dueAt: { gte: start }, createdAt: { lt: end } } } },
        select: { id: true, type: true, workflowId: true },
      });
    },

    async bdbOrgId(): Promise<string> {
      const o = await db.organisation.findFirst({ where: { kind: 'bdb' } });
      if (!o) throw new Error('no organisation of kind bdb: the 市大数据主管部门 must exist');
      return o.id;
    },

    async orgNamesOf(ids: string[]): Promise<Record<string, string>> {
      const rows = await db.organisation.findMany({ where: { id: { in: [...new Set(ids)] } } });
      return Object.fromEntries(rows.map((o) => [o.id, o.name]));
    },

    /** The organisation's kind (domain/auth/roles ORG_KINDS), or null when unknown. */
    async orgKindOf(id: string): Promise<string | null> {
      return (await db.organisation.findUnique({ where: { id }, select: { kind: true } }))?.kind ?? null;
    },

    /** A person files as 自然人, everyone else as 法人或者其他组织 (the agreement's party). */
    async isPersonOrg(id: string): Promise<boolean> {
      return (await db.organisation.findUnique({ where: { id }, select: { kind: true } }))?.kind === 'person';
    },

    async leadershipOrgId(): Promise<string> {
      const o = await db.organisation.findFirst({ where: { kind: 'leadership-office' } });
      if (!o) throw new Error('no organisation of kind leadership-office');
      return o.id;
    },

    async notificationsFor(p: Principal) {
      const rows = await db.notification.findMany({
        where: { orgId: p.org.id, OR: [{ role: null }, { role: { in: p.roles } }] },
        orderBy: { createdAt: 'desc' },
        take: 100,
      });
      return rows.map((n) => ({ id: n.id, kind: n.kind, message: n.message, caseId: n.caseId, taskId: n.taskId, createdAt: formatShanghai(n.createdAt), read: n.readAt !== null }));
    },

    /** Marks the caller's own notifications read; others' are left alone. */
    async markNotificationsRead(p: Principal, ids: string[]): Promise<number> {
      const r = await db.notification.updateMany({
        where: { id: { in: ids }, orgId: p.org.id, readAt: null, OR: [{ role: null }, { role: { in: p.roles } }] },
        data: { readAt: new Date() },
      });
      return r.count;
    },

    async grant(id: string) {
      return db.accessGrant.findUnique({ where: { id }, include: { case: true } });
    },
  };
}
export type CasesRepository = ReturnType<typeof createCasesRepository>;
