/**
 * Supervision (Art. 34–35): each organisation's figures over a period. The
 * definitions are in domain/supervision/figures.ts; this file only reads the
 * rows they need, each bounded by (days × organisations) rather than by the
 * city's tasks (README "Performance"):
 * - the tasks answered in the period, the open overdue tasks now and the problem
 *   reports filed in the period, from the rollups the triggers keep
 *   (supervision-rollup.ts: SupervisionDay, SupervisionOpenDue, SupervisionReportDay),
 * - the organisations that received a task in the period (one index seek per
 *   organisation, Task(assigneeOrgId, createdAt)),
 * - the restricted-share cases escalated to the problem list in the period
 *   (HistoryEntry(action, at, caseId): the period's escalations, a rare event),
 * and the tasks and cases behind a figure, a page at a time, from Task and Case themselves.
 */
import { isPostgres, type Db } from '../client';
import type { Prisma } from '../../generated/prisma';
import { createCalendarMemo, createCountdowns, formatShanghai } from '../../domain/calendar';
import { stepLabelOf } from '../../domain/procedures';
import type { CaseType } from '../../domain/cases/case-types';
import type { CaseCursor, DoneTaskCursor, OverdueTaskCursor } from '../../domain/paging';
import { answeredOnTime, createWorkingDaysToAnswer, supervisionReport, type ProblemListEntry, type SupervisionReport } from '../../domain/supervision/figures';
import type { SupervisionPeriod } from '../../domain/supervision/period';
import type { SupervisionCaseFigure, SupervisionCaseView, SupervisionFigure, SupervisionTaskView } from '../../domain/supervision/drill-down';
import { CONSENT_REFUSAL, CONSENT_STEP, disputedConsentTask, ESCALATED_ACTION } from '../../domain/supervision/problem-list';
import { createCalendarRepository } from './calendar.repository';
import { SqlParams } from '../sql-params';
import { keysetAfter } from './cases.repository';
import { answeredPerOrg, openOverduePerOrg, problemReportsPerOrg } from './supervision-rollup';

/** The provider's task on a problem-data case (PROCEDURES §6): the role, not the step, so later steps of the loop count too. */
const PROBLEM_PROVIDER_ROLE = 'provider-reviewer';

/**
 * An open task past its deadline now, as 逾期督办 (GET /tasks/overdue) lists it:
 * lateOpenTask with a deadline, written as two whole conjunctions so that each
 * side reads its own index (SQLite: MULTI-INDEX OR over Task(status, dueAt, …)
 * and Task(status, overdueSince, …)) instead of scanning every open task.
 */
const overdueNow = (now: Date): Prisma.TaskWhereInput => ({
  OR: [
    { status: 'open', dueAt: { lte: now } },
    { status: 'open', overdueSince: { not: null }, dueAt: { not: null } },
  ],
});
const answeredIn = (p: SupervisionPeriod): Prisma.TaskWhereInput => ({ status: 'done', completedAt: { gte: p.start, lt: p.end } });
const filedIn = (p: SupervisionPeriod): Prisma.CaseWhereInput => ({ createdAt: { gte: p.start, lt: p.end } });
const problemReportsIn = (p: SupervisionPeriod): Prisma.CaseWhereInput => ({ type: 'problem-data', ...filedIn(p) });
const problemListIn = (p: SupervisionPeriod): Prisma.CaseWhereInput => ({
  problemList: true,
  type: 'restricted-share',
  history: { some: { action: ESCALATED_ACTION, at: { gte: p.start, lt: p.end } } },
});


/**
 * The restricted-share cases put on the problem list in the period with their
 * disputed providers (disputedConsentTask in SQL): from the escalation entries of
 * the period, HistoryEntry(action, at, caseId), instead of an EXISTS per case
 * ever put on the list.
 */
async function problemListEntries(db: Db, period: SupervisionPeriod): Promise<ProblemListEntry[]> {
  const sql = SqlParams.of(db);
  const rows = await db.$queryRawUnsafe<{ caseId: string; orgId: string }[]>(
    `SELECT DISTINCT c."id" AS "caseId", t."assigneeOrgId" AS "orgId" FROM "Case" c ` +
      `JOIN "Task" t ON t."caseId" = c."id" AND t."step" = '${CONSENT_STEP}' AND (t."decision" = '${CONSENT_REFUSAL}' OR (t."decision" IS NULL AND t."overdueSince" IS NOT NULL)) ` +
      `WHERE c."problemList" = ${isPostgres(db) ? 'true' : '1'} AND c."type" = 'restricted-share' ` +
      `AND c."id" IN (SELECT h."caseId" FROM "HistoryEntry" h WHERE h."action" = '${ESCALATED_ACTION}' AND h."at" >= ${sql.p(period.start)} AND h."at" < ${sql.p(period.end)})`,
    ...sql.values,
  );
  const byCase = new Map<string, string[]>();
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r.orgId]);
  return [...byCase].map(([caseId, disputedOrgIds]) => ({ caseId, disputedOrgIds }));
}

/** The organisations that received a task in the period: one index seek each on Task(assigneeOrgId, createdAt), not a pass over the period's tasks. */
async function receivedIn(db: Db, period: SupervisionPeriod): Promise<string[]> {
  const sql = SqlParams.of(db);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT o."id" AS "id" FROM "Organisation" o WHERE EXISTS (SELECT 1 FROM "Task" t WHERE t."assigneeOrgId" = o."id" AND t."createdAt" >= ${sql.p(period.start)} AND t."createdAt" < ${sql.p(period.end)})`,
    ...sql.values,
  );
  return rows.map((r) => r.id);
}

export function createSupervisionRepository(db: Db) {
  const calendar = createCalendarRepository(db);
  const calendarOf = createCalendarMemo();
  const workingDayCalendar = async () => calendarOf(await calendar.publishedYears());

  return {
    async report(period: SupervisionPeriod, now: Date = new Date()): Promise<SupervisionReport> {
      const [answered, overdue, received, reports, listed, orgs] = await Promise.all([
        answeredPerOrg(db, period, now),
        openOverduePerOrg(db, now),
        receivedIn(db, period),
        problemReportsPerOrg(db, period),
        problemListEntries(db, period),
        db.organisation.findMany({ select: { id: true, name: true } }),
      ]);
      return supervisionReport({
        from: period.from,
        to: period.to,
        answered: [],
        answeredPerOrg: answered,
        openOverdue: overdue,
        receivedBy: received,
        problemReports: [],
        problemReportCounts: reports,
        problemList: listed,
        orgNames: new Map(orgs.map((o) => [o.id, o.name])),
      });
    },

    /**
     * The tasks behind one organisation's figure, a page at a time: answered in
     * the period (all, on time, late) latest first by (completedAt, id), or
     * overdue now, most late first by (dueAt, createdAt, id). `total` equals the figure.
     */
    async tasksBehind(
      orgId: string,
      figure: SupervisionFigure,
      period: SupervisionPeriod,
      page: { limit: number; after: DoneTaskCursor | OverdueTaskCursor | null },
      now: Date = new Date(),
    ): Promise<{ items: SupervisionTaskView[]; total: number; next: DoneTaskCursor | OverdueTaskCursor | null }> {
      const own: Prisma.TaskWhereInput = { assigneeOrgId: orgId };
      const onTime: Prisma.TaskWhereInput = { OR: [{ completedAt: { lte: db.task.fields.dueAt } }, { dueAt: null, overdueSince: null }] };
      const late: Prisma.TaskWhereInput = { OR: [{ completedAt: { gt: db.task.fields.dueAt } }, { dueAt: null, overdueSince: { not: null } }] };
      const where: Prisma.TaskWhereInput =
        figure === 'overdue'
          ? { AND: [own, overdueNow(now)] }
          : { AND: [own, answeredIn(period), ...(figure === 'on-time' ? [onTime] : figure === 'late' ? [late] : [])] };
      let from: Prisma.TaskWhereInput = {};
      let orderBy: Prisma.TaskOrderByWithRelationInput[];
      if (figure === 'overdue') {
        const after = page.after?.k === 'task-overdue' ? page.after : null;
        if (after) from = keysetAfter<Prisma.TaskWhereInput, 'dueAt' | 'createdAt' | 'id'>(['dueAt', 'createdAt', 'id'], [new Date(after.d), new Date(after.t), after.i], 'asc');
        orderBy = [{ dueAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }];
      } else {
        const after = page.after?.k === 'task-done' && page.after.d !== null ? page.after : null;
        if (after) from = keysetAfter<Prisma.TaskWhereInput, 'completedAt' | 'id'>(['completedAt', 'id'], [new Date(after.d as number), after.i], 'desc');
        orderBy = [{ completedAt: 'desc' }, { id: 'desc' }];
      }
      const [rows, total, cal] = await Promise.all([
        db.task.findMany({ where: { AND: [where, from] }, include: { case: { select: { type: true, title: true } } }, orderBy, take: page.limit + 1 }),
        db.task.count({ where }),
        workingDayCalendar(),
      ]);
      const days = createWorkingDaysToAnswer(cal);
      const countdown = createCountdowns(cal);
      const shown = rows.slice(0, page.limit);
      const last = rows.length > page.limit ? shown.at(-1) : undefined;
      const next: DoneTaskCursor | OverdueTaskCursor | null = !last
        ? null
        : figure === 'overdue'
          ? { k: 'task-overdue', d: (last.dueAt as Date).getTime(), t: last.createdAt.getTime(), i: last.id }
          : { k: 'task-done', d: (last.completedAt as Date).getTime(), i: last.id };
      return {
        items: shown.map((t) => {
          const answered = t.completedAt && t.status === 'done' ? { ...t, completedAt: t.completedAt } : null;
          const left = answered ? null : countdown({ dueAt: t.dueAt, markedOverdue: t.overdueSince !== null }, now).workingDaysLeft;
          return {
            id: t.id,
            caseId: t.caseId,
            caseType: t.case.type as CaseType,
            caseTitle: t.case.title,
            step: t.step,
            stepLabel: stepLabelOf(t.case.type as CaseType, t.step),
            decision: t.decision,
            createdAt: formatShanghai(t.createdAt),
            dueAt: t.dueAt ? formatShanghai(t.dueAt) : null,
            completedAt: t.completedAt ? formatShanghai(t.completedAt) : null,
            workingDaysToAnswer: answered ? days(answered.createdAt, answered.completedAt) : null,
            onTime: answered ? answeredOnTime(answered) : null,
            workingDaysLate: left === null ? null : Math.max(0, 0 - left),
          };
        }),
        total,
        next,
      };
    },

    /** The cases behind one organisation's problem-data or problem-list figure, newest first by (createdAt, id). `total` equals the figure. */
    async casesBehind(
      orgId: string,
      figure: SupervisionCaseFigure,
      period: SupervisionPeriod,
      page: { limit: number; after: CaseCursor | null },
    ): Promise<{ items: SupervisionCaseView[]; total: number; next: CaseCursor | null }> {
      const where: Prisma.CaseWhereInput =
        figure === 'problem-list'
          ? { AND: [problemListIn(period), { tasks: { some: { assigneeOrgId: orgId, ...disputedConsentTask } } }] }
          : { AND: [problemReportsIn(period), { tasks: { some: { assigneeOrgId: orgId, assigneeRole: PROBLEM_PROVIDER_ROLE } } }, figure === 'reports-closed' ? { status: 'closed' } : {}] };
      const from: Prisma.CaseWhereInput = page.after
        ? keysetAfter<Prisma.CaseWhereInput, 'createdAt' | 'id'>(['createdAt', 'id'], [new Date(page.after.t), page.after.i], 'desc')
        : {};
      const [rows, total] = await Promise.all([
        db.case.findMany({
          where: { AND: [where, from] },
          select: { id: true, type: true, title: true, status: true, createdAt: true, closedAt: true },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: page.limit + 1,
        }),
        db.case.count({ where }),
      ]);
      const shown = rows.slice(0, page.limit);
      const last = rows.length > page.limit ? shown.at(-1) : undefined;
      return {
        items: shown.map((c) => ({ id: c.id, type: c.type as CaseType, title: c.title, status: c.status, createdAt: formatShanghai(c.createdAt), closedAt: c.closedAt ? formatShanghai(c.closedAt) : null })),
        total,
        next: last ? { k: 'case', t: last.createdAt.getTime(), i: last.id } : null,
      };
    },
  };
}
export type SupervisionRepository = ReturnType<typeof createSupervisionRepository>;
