/**
 * The arithmetic of supervision (Art. 34–35, PROCEDURES.md §8): pure, so each
 * figure can be checked by hand against the tasks and cases behind it.
 *
 * Definitions (the same words are in the OpenAPI description of GET /stats/supervision):
 * - tasksHandled: tasks addressed to the organisation and answered with a
 *   decision (status done; cancelled tasks are not answers) whose completion
 *   lies in the period.
 * - tasksOnTime: of those, the ones answered at or before the deadline in force
 *   (a re-planned or extended deadline counts). A task without a deadline
 *   counts as on time unless its workflow marked it overdue: no time limit was broken.
 * - onTimeRate: tasksOnTime / tasksHandled, 0–1 to four decimals; null when nothing was handled.
 * - avgWorkingDaysToAnswer: the mean, over the tasks handled, of the working
 *   days from receipt to answer, counted as deadlines are (PROCEDURES.md §2):
 *   the working days after the day of receipt up to and including the day of
 *   the answer (answered on the day of receipt: 0). Two decimals; null when nothing was handled.
 * - openOverdue: open tasks of the organisation past their deadline now (or
 *   marked overdue by their workflow) — exactly the organisation's rows of 逾期督办.
 * - problemReportsReceived: problem-data cases 问题数据反馈 filed in the period
 *   on which the organisation holds a provider-reviewer task (it provides the data).
 * - problemReportsClosed: of those, the ones closed (status closed, the loop ended).
 * - closureRate: problemReportsClosed / problemReportsReceived; null when none were received.
 * - problemListEntries: restricted-share cases put on the problem list 问题清单
 *   (Art. 18 ¶2: escalated to the leadership office) in the period, on which the
 *   organisation is a disputed provider: its consent task was refused or left
 *   unanswered. A case counts once per organisation.
 * - total (全市合计): tasks summed over organisations, the mean over every
 *   answered task; problem reports and problem-list entries once per case.
 */
import type { WorkingDayCalendar } from '../calendar/types';
import FIGURE_DEFINITION_DATA from './figure-definitions.json';
import { toShanghaiDate } from '../calendar/shanghai-time';

export interface AnsweredTask {
  orgId: string;
  createdAt: Date;
  completedAt: Date;
  dueAt: Date | null;
  overdueSince: Date | null;
}

export interface ProblemReport {
  caseId: string;
  closed: boolean;
  /** Organisations holding a provider task on it. */
  providerOrgIds: readonly string[];
}

export interface ProblemListEntry {
  caseId: string;
  /** Providers that refused or did not answer. */
  disputedOrgIds: readonly string[];
}

export interface SupervisionFigures {
  tasksHandled: number;
  tasksOnTime: number;
  onTimeRate: number | null;
  avgWorkingDaysToAnswer: number | null;
  openOverdue: number;
  problemReportsReceived: number;
  problemReportsClosed: number;
  closureRate: number | null;
  problemListEntries: number;
}

/** An organisation with nothing to count in the period. */
export const NO_FIGURES: Readonly<SupervisionFigures> = Object.freeze({
  tasksHandled: 0,
  tasksOnTime: 0,
  onTimeRate: null,
  avgWorkingDaysToAnswer: null,
  openOverdue: 0,
  problemReportsReceived: 0,
  problemReportsClosed: 0,
  closureRate: null,
  problemListEntries: 0,
});

/**
 * What each figure counts, as a bureau checks it (the API's field descriptions), kept as
 * data beside this file. `count`: a whole number; `rate`/`mean`: null when there is nothing to divide by.
 */
export const FIGURE_DEFINITIONS = FIGURE_DEFINITION_DATA as Readonly<Record<keyof SupervisionFigures, { kind: 'count' | 'rate' | 'mean'; definition: string }>>;

export interface SupervisionRow extends SupervisionFigures {
  org: { id: string; name: string };
}

export interface SupervisionReport {
  from: string;
  to: string;
  items: SupervisionRow[];
  total: SupervisionFigures;
}

/** Answered at or before the deadline in force; without a deadline, on time unless marked overdue. */
export const answeredOnTime = (t: Pick<AnsweredTask, 'completedAt' | 'dueAt' | 'overdueSince'>): boolean =>
  t.dueAt ? t.completedAt.getTime() <= t.dueAt.getTime() : t.overdueSince === null;

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;
/** n / d to four decimals, null when d is 0. */
export const ratio = (n: number, d: number): number | null => (d === 0 ? null : round(n / d, 4));
/** sum / n to two decimals, null when n is 0. */
export const mean = (sum: number, n: number): number | null => (n === 0 ? null : round(sum / n, 2));

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** China has kept UTC+8 without daylight saving since 1992-01-01 (Shanghai). */
const FIXED_OFFSET_SINCE = Date.parse('1992-01-01T00:00:00+08:00');
/**
 * The Shanghai date of an instant. A period holds thousands of tasks: since 1992
 * the offset is fixed, so plain arithmetic gives the date 10× faster than the
 * time-zone library, which still answers for anything older.
 */
const shanghaiDate = (d: Date): string => (d.getTime() >= FIXED_OFFSET_SINCE ? new Date(d.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10) : toShanghaiDate(d));
const nextDate = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * Working days from receipt to answer (PROCEDURES.md §2): the working days in
 * (day of receipt, day of answer], Shanghai dates. Remembers a running count
 * per date, so a period's thousands of tasks walk the calendar once.
 */
export function createWorkingDaysToAnswer(calendar: WorkingDayCalendar): (receivedAt: Date, answeredAt: Date) => number {
  // through.get(d) = working days in (first, d] for every date d from `first` to `last` walked so far.
  let first: string | null = null;
  let last = '';
  const through = new Map<string, number>();
  const walkTo = (date: string) => {
    let n = through.get(last) ?? 0;
    for (let d = nextDate(last); d <= date; d = nextDate(d)) {
      if (calendar.day(d).working) n++;
      through.set(d, n);
    }
    last = date;
  };
  const countThrough = (date: string): number => {
    if (first === null || date < first) {
      // Restart from the earlier date: rare (rows come roughly in order), and correct either way.
      first = date;
      last = date;
      through.clear();
      through.set(date, 0);
    }
    if (date > last) walkTo(date);
    return through.get(date) as number;
  };
  return (receivedAt, answeredAt) => {
    const received = shanghaiDate(receivedAt);
    const answered = shanghaiDate(answeredAt);
    if (answered <= received) return 0;
    // `received` first: a restart to an earlier origin happens here, never while counting the later `answered`.
    const r = countThrough(received);
    return countThrough(answered) - r;
  };
}

/** Problem reports filed in the period with a provider, counted once per case (per organisation, or in all). */
export interface ProblemReportCount {
  received: number;
  closed: number;
}
export interface AnsweredTally {
  handled: number;
  onTime: number;
  /** The working days to answer, summed over the tasks. */
  workingDays: number;
}

interface Tally {
  handled: number;
  onTime: number;
  workingDays: number;
  overdue: number;
  reports: Set<string>;
  closed: Set<string>;
  listed: Set<string>;
  /** Problem reports already counted by the database (ProblemReportCount), beside those listed one by one. */
  reportsCounted: number;
  closedCounted: number;
}
const emptyTally = (): Tally => ({ handled: 0, onTime: 0, workingDays: 0, overdue: 0, reports: new Set(), closed: new Set(), listed: new Set(), reportsCounted: 0, closedCounted: 0 });

const figuresOf = (t: Tally): SupervisionFigures => ({
  tasksHandled: t.handled,
  tasksOnTime: t.onTime,
  onTimeRate: ratio(t.onTime, t.handled),
  avgWorkingDaysToAnswer: mean(t.workingDays, t.handled),
  openOverdue: t.overdue,
  problemReportsReceived: t.reports.size + t.reportsCounted,
  problemReportsClosed: t.closed.size + t.closedCounted,
  closureRate: ratio(t.closed.size + t.closedCounted, t.reports.size + t.reportsCounted),
  problemListEntries: t.listed.size,
});

export interface SupervisionInput {
  from: string;
  to: string;
  /** Tasks answered (status done) in the period, one by one … */
  answered: readonly AnsweredTask[];
  /** … or already tallied per organisation (the database's rollup: db/repositories/supervision-rollup.ts). */
  answeredPerOrg?: ReadonlyMap<string, AnsweredTally>;
  /** Open overdue tasks now, per organisation. */
  openOverdue: ReadonlyMap<string, number>;
  /** Organisations that received a task in the period: listed even with nothing else to show. */
  receivedBy: Iterable<string>;
  problemReports: readonly ProblemReport[];
  /** … or already counted per provider and in all, each case once. */
  problemReportCounts?: { perOrg: ReadonlyMap<string, ProblemReportCount>; total: ProblemReportCount };
  problemList: readonly ProblemListEntry[];
  orgNames: ReadonlyMap<string, string>;
  /** Needed for `answered` given one by one. */
  workingDaysToAnswer?: (receivedAt: Date, answeredAt: Date) => number;
}

const byName = new Intl.Collator('zh-Hans-CN');

/** One row per organisation with any task or figure in the period, sorted by name (pinyin), and the total. */
export function supervisionReport(input: SupervisionInput): SupervisionReport {
  const tallies = new Map<string, Tally>();
  const total = emptyTally();
  const tallyOf = (orgId: string): Tally => {
    let t = tallies.get(orgId);
    if (!t) tallies.set(orgId, (t = emptyTally()));
    return t;
  };
  for (const orgId of input.receivedBy) tallyOf(orgId);
  for (const task of input.answered) {
    if (!input.workingDaysToAnswer) throw new Error('supervisionReport: answered tasks given one by one need workingDaysToAnswer');
    const days = input.workingDaysToAnswer(task.createdAt, task.completedAt);
    const onTime = answeredOnTime(task) ? 1 : 0;
    for (const t of [tallyOf(task.orgId), total]) {
      t.handled++;
      t.onTime += onTime;
      t.workingDays += days;
    }
  }
  for (const [orgId, a] of input.answeredPerOrg ?? []) {
    for (const t of [tallyOf(orgId), total]) {
      t.handled += a.handled;
      t.onTime += a.onTime;
      t.workingDays += a.workingDays;
    }
  }
  for (const [orgId, n] of input.openOverdue) {
    if (n === 0) continue;
    tallyOf(orgId).overdue += n;
    total.overdue += n;
  }
  for (const r of input.problemReports) {
    for (const orgId of new Set(r.providerOrgIds)) {
      tallyOf(orgId).reports.add(r.caseId);
      if (r.closed) tallyOf(orgId).closed.add(r.caseId);
    }
    if (r.providerOrgIds.length) {
      total.reports.add(r.caseId);
      if (r.closed) total.closed.add(r.caseId);
    }
  }
  if (input.problemReportCounts) {
    const add = (t: Tally, c: ProblemReportCount) => {
      t.reportsCounted += c.received;
      t.closedCounted += c.closed;
    };
    for (const [orgId, c] of input.problemReportCounts.perOrg) add(tallyOf(orgId), c);
    add(total, input.problemReportCounts.total);
  }
  for (const e of input.problemList) {
    for (const orgId of e.disputedOrgIds) tallyOf(orgId).listed.add(e.caseId);
    if (e.disputedOrgIds.length) total.listed.add(e.caseId);
  }
  const items = [...tallies].map(([id, t]) => ({ org: { id, name: input.orgNames.get(id) ?? id }, ...figuresOf(t) }));
  items.sort((a, b) => byName.compare(a.org.name, b.org.name) || (a.org.id < b.org.id ? -1 : 1));
  return { from: input.from, to: input.to, items, total: figuresOf(total) };
}
