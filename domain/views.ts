/**
 * The shapes the HTTP API returns (API.md). Shared by the API (which builds
 * them) and the web (which renders them), so neither side guesses.
 * Times are ISO 8601 strings with the +08:00 offset.
 */
import type { Role } from './auth/roles';
import type { TrafficLight, YearSource } from './calendar';

export interface OrgRef { id: string; name: string }
export interface UserRef { id: string; displayName: string }

export interface MeView {
  id: string;
  username: string;
  displayName: string;
  org: OrgRef;
  roles: Role[];
}

export type ShareClass = 'unconditional' | 'restricted' | 'none';
export type OpenClass = 'unconditional' | 'conditional' | 'none';

export interface ResourceView {
  code: string;
  name: string; // 业务名称
  system: string; // 信息系统名称
  dataItems: string[]; // 数据项名称
  storageFormat: string;
  shareClass: ShareClass;
  openClass: OpenClass;
  shareReason: string | null; // required when shareClass is restricted|none (Art. 16)
  shareLegalBasis: string | null;
  openReason: string | null;
  provisionMethod: string; // 提供方式
  updateCycle: string; // 更新周期 e.g. 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'realtime'
  updateCycleLabel: string;
  sharePeriodDays: number; // 共享期限
  provider: OrgRef;
  lastUpdatedAt: string;
  updateLapsed: boolean; // Art. 26: the update cycle has passed without an update
}

export interface CalendarYearView { year: number; source: YearSource }
export interface CalendarDayView {
  date: string;
  working: boolean;
  kind: 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';
  name?: string;
  source: YearSource;
}
export interface CalendarMonthView { year: number; month: number; source: YearSource; days: CalendarDayView[] }
export interface CalendarYearDetailView {
  year: number;
  source: YearSource;
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
  publishedAt: string | null;
  publishedBy: string | null;
}
export interface DeadlineView { deadline: string; provisional: boolean; workingDaysCounted: string[] }

export type CaseType = 'restricted-share' | 'conditional-open' | 'problem-data' | 'it-project';
export type CaseStatus =
  | 'in-progress'
  | 'granted'
  | 'rejected'
  | 'withdrawn'
  | 'active'
  | 'expired'
  | 'revoked'
  | 'closed'
  | 'accepted';

export interface TaskView {
  id: string;
  caseId: string;
  caseType: CaseType;
  caseTitle: string;
  step: string;
  stepLabel: string;
  /** What the task is about when its step runs once per resource (e.g. 人口基础信息（NB-PSB-0001）). */
  subject: string | null;
  status: 'open' | 'done' | 'cancelled';
  assignee: { org: OrgRef; role: Role };
  dueAt: string | null;
  provisional: boolean;
  overdue: boolean;
  /** Open tasks with a deadline only (domain/calendar/traffic-light.ts); null otherwise. */
  light: TrafficLight | null;
  /** Working days after today up to the deadline's last day; negative once overdue; null without a deadline or once closed. */
  workingDaysLeft: number | null;
  decisions: string[];
  decision: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Who of the organisation claimed (签收) the task; null while nobody has. */
  claimedBy: { id: string; name: string } | null;
}

/** A row of the BDB's overdue view: an open task past its deadline, and by how many working days. */
export interface OverdueTaskView extends TaskView {
  workingDaysLate: number;
}

export interface HistoryEntryView {
  at: string;
  actor: string; // display name, "组织 / 用户" or "系统"
  action: string; // machine name, e.g. 'filed', 'decided', 'task-opened', 'deadline-set', 'reminder', 're-planned', 'escalated', 'granted'
  actionLabel: string; // Chinese
  step: string | null;
  decision: string | null;
  comment: string | null;
  article: string | null; // e.g. '第17条'
}

export interface GrantView {
  id: string;
  /** The resource code (API.md's name); the same as resourceCode. */
  resource: string;
  resourceCode: string;
  resourceName: string;
  scope: string[];
  method: string;
  status: 'active' | 'expired' | 'revoked';
  grantedAt: string;
  expiresAt: string;
  /** Uses recorded with POST /grants/{id}/access, and the latest one's time. */
  accessCount: number;
  lastAccessAt: string | null;
}

export interface ResourceOutcomeView {
  code: string;
  name: string;
  provider: OrgRef;
  outcome: 'pending' | 'granted' | 'granted-desensitized' | 'refused';
  note: string | null;
}

/** An IT project's review opinion 审核意见 (Art. 9); `issuedAt` with the +08:00 offset. */
export interface OpinionView {
  number: string;
  decision: 'approve' | 'approve-with-conditions' | 'reject';
  conditions?: string;
  comment?: string;
  issuedAt: string;
  /** 抄送: the investment and finance authorities it went to. */
  copiedTo?: { id: string; name: string }[];
}

/** The automatic acceptance check (Art. 11, 26), per project catalog entry. */
export interface AcceptanceCheckView {
  passed: boolean;
  checkedAt: string;
  entries: { name: string; resourceCode: string; inCatalog: boolean; ownedByOwner: boolean; collected: boolean }[];
}

/** The three ways a provider resolves a problem report (Art. 27 ¶4). */
export type ResolutionMode = 'corrected' | 'verified-correct' | 'communicated';

/** One pass through provider-handle → reporter-confirm (→ arbitration); a reopen starts the next. The workflow keeps these as they are shown. */
export interface ProblemRoundView {
  round: number;
  openedAt: string;
  resolution: ResolutionMode | null;
  /** What the provider wrote: what changed / the explanation / what was agreed. */
  note: string | null;
  dataVersion: string | null;
  agreedWith: string | null;
  resolvedAt: string | null;
  /** Each extension asked in this round: the date asked, the deadline it would replace, the BDB's answer. */
  extensions: { requestedDueAt: string; previousDueAt: string | null; approved: boolean | null }[];
  confirmation: 'accepted' | 'lapsed' | 'disputed' | null;
  arbitration: 'uphold' | 'reopen' | null;
}

/** A problem-data case's outcome (Art. 27 ¶4): the resolution mode, how it closed, and every round. */
export interface ProblemOutcomeView {
  resolution: ResolutionMode | null;
  /** reporter 反馈方确认 · lapse 逾期视为认可 · arbitration 大数据局裁定维持; null while open or withdrawn. */
  closedBy: 'reporter' | 'lapse' | 'arbitration' | null;
  urgent: boolean;
  handlingWorkingDays: number;
  rounds: ProblemRoundView[];
}

export interface CaseSummaryView {
  id: string;
  type: CaseType;
  title: string;
  status: CaseStatus;
  currentSteps: string[];
  applicant: { org: OrgRef; user: UserRef | null };
  createdAt: string;
  updatedAt: string;
  workflowId: string;
  /** With GET /cases?problemList=true only: the providers disputed on the case (domain/supervision/problem-list.ts). */
  disputedProviders?: OrgRef[];
}

export interface CaseDetailView extends CaseSummaryView {
  payload: Record<string, unknown>;
  openTasks: TaskView[];
  tasks: TaskView[];
  deadlines: { step: string; org: OrgRef; dueAt: string; provisional: boolean; overdue: boolean; light: TrafficLight | null; workingDaysLeft: number | null }[];
  outcome: {
    resources: ResourceOutcomeView[];
    grants: GrantView[];
    problemList: boolean;
    problem?: ProblemOutcomeView;
    /** IT project cases (Art. 9, 11): the opinion once issued, the acceptance check once run. */
    opinion?: OpinionView | null;
    acceptanceCheck?: AcceptanceCheckView | null;
    registeredResources?: string[] | null;
    /** While the owner has not reported completion: when the next reminder goes out. */
    nextReminderAt?: string | null;
  } | null;
  history: HistoryEntryView[];
  canWithdraw: boolean;
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; article?: string };
}

/** GET /admin/cases/{id}/timeline: the business history beside the Temporal run. */
export interface AdminCaseTimelineView {
  case: { id: string; type: CaseType; status: CaseStatus; title: string };
  history: HistoryEntryView[];
  workflow: {
    workflowId: string;
    runId: string;
    type: string;
    status: string;
    startTime: string;
    closeTime: string | null;
    taskQueue: string;
    events: { id: number; at: string | null; type: string; detail: string | null }[];
  };
}

/** GET /notifications: reminders, missed deadlines and coordination notices. */
export interface NotificationView {
  id: string;
  kind: 'reminder' | 'overdue' | 'coordination' | string;
  message: string;
  caseId: string | null;
  taskId: string | null;
  createdAt: string;
  read: boolean;
}

/** GET /admin/stuck-cases: a case waiting for an administrator (its record parked, or its start unconfirmed). */
export interface StuckCaseView {
  caseId: string;
  title: string | null;
  type: string | null;
  problem: 'projection' | 'start';
  /** unwritable-data | retries-exhausted | start-pending | start-failed */
  kind: string;
  reason: string;
  since: string;
  attempts: number;
  waitingBatches: number | null;
}
