/**
 * Realistic inbox data for `npm run bench:inbox`, bulk-inserted with raw
 * multi-row INSERTs in one transaction per batch (SQLite through
 * better-sqlite3, PostgreSQL through pg) — a Prisma create per row would take
 * longer than the benchmark.
 *
 * The shape follows what issue #10 measured (100 000 tasks over 54 000 cases):
 * about 30 organisations (the demo ones plus 20 municipal bureaus), all four
 * case types, ~0.54 cases per task, about half the tasks open. Running cases
 * are recent (their tasks due over the next weeks, some past the deadline and
 * so marked overdue by their workflow, some claimed); closed cases reach back
 * two years. 宁波市公安局 (psb) is the busiest provider. Everything is drawn
 * from a seeded generator, so two runs load the same rows.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { PROCEDURE_SPECS } from '../../domain/procedures';
import { OPEN_OPTIMIZE } from '../../db/planner-statistics';
import type { CaseType } from '../../domain/cases/case-types';
import { ESCALATED_ACTION } from '../../domain/supervision/problem-list';
import { caseSearchTerms } from '../../domain/cases/search-terms';
import { demoOrganisations } from '../../prisma/demo-data';

type Value = string | number | boolean | null | Date | object;
type Row = Value[];

/** Where rows go: one implementation per database. */
export interface BulkWriter {
  insert(table: string, columns: readonly string[], rows: readonly Row[]): Promise<void>;
  /** Planner statistics after the load, as the running application keeps them. */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

const sqliteValue = (v: Value): string | number | null => {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00'); // as @prisma/adapter-better-sqlite3 stores it
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
};

export function sqliteWriter(file: string): BulkWriter {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(30_000 / columns.length));
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const sql = (n: number) => `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${Array(n).fill(tuple).join(',')}`;
      db.transaction(() => {
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          db.prepare(sql(chunk.length)).run(chunk.flat().map(sqliteValue));
        }
      })();
    },
    async analyze() {
      // What every start does (scripts/prepare-database.ts), and the API's maintenance as tables grow.
      db.pragma(OPEN_OPTIMIZE.replace(/^PRAGMA /, ''));
    },
    async close() {
      db.close();
    },
  };
}

/** UTC wall-clock text for TIMESTAMP(3) WITHOUT TIME ZONE (pg would send a Date in the process's zone). */
const pgValue = (v: Value): string | number | boolean | null => {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
};

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    async insert(table, columns, rows) {
      const per = Math.max(1, Math.floor(60_000 / columns.length));
      await client.query('BEGIN');
      try {
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          const values = chunk.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(',')})`).join(',');
          await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${values}`, chunk.flat().map(pgValue));
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
    async analyze() {
      // VACUUM sets the visibility map, so index-only scans need not visit the table, as on a settled database.
      await client.query('VACUUM ANALYZE');
    },
    async close() {
      await client.end();
    },
  };
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;

/** The bureaus added to the demo organisations: about 30 in all. */
export const BENCH_ORGS: { id: string; name: string }[] = [
  ['hrss', '宁波市人力资源和社会保障局'], ['nr', '宁波市自然资源和规划局'], ['edu', '宁波市教育局'], ['health', '宁波市卫生健康委员会'],
  ['civil', '宁波市民政局'], ['transport', '宁波市交通运输局'], ['housing', '宁波市住房和城乡建设局'], ['tax', '国家税务总局宁波市税务局'],
  ['eco', '宁波市生态环境局'], ['agri', '宁波市农业农村局'], ['commerce', '宁波市商务局'], ['culture', '宁波市文化广电旅游局'],
  ['emergency', '宁波市应急管理局'], ['justice', '宁波市司法局'], ['stats', '宁波市统计局'], ['medsec', '宁波市医疗保障局'],
  ['veterans', '宁波市退役军人事务局'], ['port', '宁波舟山港集团'], ['power', '国网宁波供电公司'], ['gas', '宁波兴光燃气集团'],
].map(([id, name]) => ({ id: `bench-${id}`, name: name as string }));

const ORG_NAMES = new Map([...demoOrganisations, ...BENCH_ORGS].map((o) => [o.id, o.name]));
const PROVIDERS = ['psb', 'amr', 'water', ...BENCH_ORGS.map((o) => o.id)];
const AGENCY_APPLICANTS = ['amr', 'psb', 'water', 'haishu-bdb', ...BENCH_ORGS.map((o) => o.id)];
const PUBLIC_APPLICANTS = ['acme', 'person-zhangsan'];

/** Resource names titles are made of; the search word of the bench is one of them. */
const RESOURCE_NAMES = [
  '人口基础信息', '企业登记信息', '用水户信息', '户籍变动明细', '行政处罚信息', '供水管网水质监测数据', '社会保险参保信息', '不动产登记信息',
  '学籍信息', '出生医学证明', '婚姻登记信息', '公交刷卡数据', '建筑工地监管数据', '纳税信用等级', '排污许可信息', '农业经营主体信息',
  '对外贸易经营者备案', '旅行社名录', '安全生产许可信息', '律师执业信息', '统计调查名录', '医保定点机构信息', '退役军人信息', '港口作业数据',
  '用电户信息', '燃气用户信息', '最低生活保障对象', '公积金缴存信息', '道路运输许可', '食品经营许可',
];
/** A word that appears in about one case title in thirty. */
export const SEARCH_WORD = '不动产';

const TYPES: [CaseType, number][] = [['restricted-share', 0.45], ['conditional-open', 0.1], ['problem-data', 0.35], ['it-project', 0.1]];
const PREFIX: Record<CaseType, string> = { 'restricted-share': 'RS', 'conditional-open': 'CO', 'problem-data': 'PD', 'it-project': 'IT' };

/** Each type's path through its steps: stages run one after another, the steps of a stage in parallel. */
const STAGES: Record<CaseType, { step: string; perProvider?: boolean }[][]> = {
  'restricted-share': [[{ step: 'bdb-review' }], [{ step: 'provider-consent', perProvider: true }]],
  'conditional-open': [[{ step: 'bdb-assessment' }, { step: 'provider-assessment', perProvider: true }], [{ step: 'applicant-sign' }], [{ step: 'bdb-countersign' }]],
  'problem-data': [[{ step: 'provider-handle' }], [{ step: 'reporter-confirm' }]],
  'it-project': [[{ step: 'bdb-review' }], [{ step: 'owner-report-completion' }], [{ step: 'bdb-acceptance' }]],
};
const FINAL_STATUS: Record<CaseType, string> = { 'restricted-share': 'granted', 'conditional-open': 'active', 'problem-data': 'closed', 'it-project': 'accepted' };

export const TASK_COLUMNS = [
  'id', 'caseId', 'step', 'assigneeOrgId', 'assigneeRole', 'status', 'decisions', 'dueAt', 'provisional', 'overdueSince',
  'decision', 'decidedBy', 'subject', 'createdAt', 'completedAt', 'claimedById', 'claimedByName', 'claimedAt',
] as const;
const CASE_COLUMNS = ['id', 'type', 'status', 'title', 'applicantOrgId', 'applicantUserId', 'payload', 'workflowId', 'outcome', 'problemList', 'createdAt', 'updatedAt', 'closedAt', 'startState'] as const;
const HISTORY_COLUMNS = ['id', 'key', 'caseId', 'at', 'actor', 'action', 'step'] as const;

export interface Loaded {
  cases: number;
  tasks: number;
  openTasks: number;
  /** Open tasks addressed to psb (either of psb.provider's roles). */
  psbOpen: number;
  bdbReviewerOpen: number;
  overdueOpen: number;
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

/**
 * Adds cases (numbered from `fromCase`) until `taskTarget` tasks have been
 * written in all, and returns what the database now holds of them.
 * Call once per database with `fromCase` 0 before anything else: it adds the organisations.
 */
export async function loadInbox(w: BulkWriter, opts: { fromCase: number; tasksSoFar: number; taskTarget: number; now: Date; loaded?: Loaded }): Promise<{ nextCase: number; loaded: Loaded }> {
  if (opts.fromCase === 0) await w.insert('Organisation', ['id', 'name', 'kind', 'createdAt'], BENCH_ORGS.map((o) => [o.id, o.name, 'agency', new Date('2026-01-01T00:00:00Z')]));
  const now = opts.now.getTime();
  const loaded: Loaded = opts.loaded ? { ...opts.loaded } : { cases: 0, tasks: 0, openTasks: 0, psbOpen: 0, bdbReviewerOpen: 0, overdueOpen: 0 };
  let cases: Row[] = [];
  let tasks: Row[] = [];
  let history: Row[] = [];
  let terms: Row[] = [];
  const flush = async () => {
    await w.insert('Case', CASE_COLUMNS, cases);
    await w.insert('Task', TASK_COLUMNS, tasks);
    if (history.length) await w.insert('HistoryEntry', HISTORY_COLUMNS, history);
    // The case search's index, as the application writes it with each case (db/repositories/case-search.ts).
    await w.insert('CaseSearchTerm', ['term', 'createdAt', 'caseId'], terms);
    cases = [];
    tasks = [];
    history = [];
    terms = [];
  };
  let n = opts.fromCase;
  let written = opts.tasksSoFar;
  while (written < opts.taskTarget) {
    const rnd = random(n * 7919 + 17);
    let u = rnd();
    const type = (TYPES.find(([, p]) => (u -= p) < 0) ?? TYPES[0])?.[0] ?? 'restricted-share';
    const spec = PROCEDURE_SPECS[type];
    const running = rnd() < 0.75;
    const createdAt = new Date(now - (running ? rnd() * 30 : 30 + rnd() * 700) * DAY);
    const applicantOrgId = pick(rnd, type === 'conditional-open' ? PUBLIC_APPLICANTS : AGENCY_APPLICANTS);
    const providers = [...new Set(Array.from({ length: type !== 'problem-data' && rnd() < 0.2 ? 2 : 1 }, () => (rnd() < 0.22 ? 'psb' : pick(rnd, PROVIDERS))))];
    const resources = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(rnd, RESOURCE_NAMES));
    const day = new Date(createdAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const id = `${PREFIX[type]}-${day}-${(n * 2654435761 >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
    const title =
      type === 'problem-data' ? `问题数据反馈：${resources[0]}（NB-${String(n % 997).padStart(4, '0')}）数据不准确` : type === 'it-project' ? `信息化项目审核：${resources[0]}归集平台建设` : `${spec.label}：${resources.join('、')}`;
    const stages = STAGES[type];
    const current = running ? Math.floor(rnd() * stages.length) : stages.length;
    let at = createdAt.getTime();
    let caseEnd = at;
    const problemList = type === 'restricted-share' && !running && rnd() < 0.03;
    for (const [s, stage] of stages.entries()) {
      if (s > current) break;
      const stageStart = at;
      let stageEnd = at;
      for (const { step, perProvider } of stage) {
        const st = spec.steps[step as keyof typeof spec.steps] as { role: string; party: string; decisions: Record<string, unknown> };
        const orgs = perProvider || st.party === 'provider' ? providers : [st.party === 'bdb' ? 'bdb' : applicantOrgId];
        for (const org of orgs) {
          const open = s === current;
          // Deadlines on the BDB's and providers' steps; an applicant's own step has none.
          const dueAt = st.party === 'applicant' ? null : new Date(stageStart + (5 + rnd() * 12) * DAY);
          const completedAt = open ? null : new Date(Math.min(now - 60_000, stageStart + (0.2 + rnd() * 14) * DAY));
          const overdue = dueAt !== null && (completedAt ?? new Date(now)).getTime() > dueAt.getTime();
          const claimed = open && rnd() < 0.25;
          const decisions = Object.keys(st.decisions);
          const decision = open ? null : problemList && step === 'provider-consent' ? 'disagree' : (decisions[0] as string);
          tasks.push([
            `${id}:${step}:${org}`, id, step, org, st.role, open ? 'open' : 'done', decisions, dueAt, false,
            // Marked at the deadline, as every workflow's due timer marks its task (workflows/kernel/due-timers.ts).
            overdue && dueAt ? dueAt : null,
            decision, open ? null : `${org}.user`, perProvider && resources.length > 1 ? (resources[0] as string) : null,
            new Date(stageStart), completedAt,
            claimed ? `${org}.clerk` : null, claimed ? '经办人' : null, claimed ? new Date(stageStart + DAY) : null,
          ]);
          written++;
          if (open) {
            loaded.openTasks++;
            if (org === 'psb') loaded.psbOpen++;
            if (org === 'bdb' && st.role === 'bdb-reviewer') loaded.bdbReviewerOpen++;
            if (overdue) loaded.overdueOpen++;
          }
          if (completedAt) stageEnd = Math.max(stageEnd, completedAt.getTime());
        }
      }
      at = stageEnd + 3600_000;
      caseEnd = stageEnd;
    }
    const closedAt = running ? null : new Date(Math.min(now - 60_000, caseEnd));
    cases.push([
      id, type, running ? 'in-progress' : FINAL_STATUS[type], title, applicantOrgId, null,
      { resources, purpose: '基准测试数据' }, `${type}-${id}`, running ? null : { resources: [] }, problemList,
      createdAt, closedAt ?? createdAt, closedAt, 'started',
    ]);
    for (const term of caseSearchTerms({ id, title, applicantOrgName: ORG_NAMES.get(applicantOrgId) ?? null })) terms.push([term, createdAt, id]);
    if (problemList && closedAt) history.push([`h-${id}-esc`, `${id}:escalated`, id, closedAt, '大数据局', ESCALATED_ACTION, 'bdb-coordination']);
    loaded.cases++;
    n++;
    if (cases.length >= 2000) await flush();
  }
  await flush();
  loaded.tasks = written;
  return { nextCase: n, loaded };
}
