/** The tasks behind a supervision figure (GET /stats/supervision/tasks): what a bureau checks a figure against. */
import type { CaseType } from '../cases/case-types';
import type { TaskView } from '../views';

/** handled = tasksHandled, on-time = tasksOnTime, late = tasksHandled − tasksOnTime, overdue = openOverdue. */
export const SUPERVISION_FIGURES = ['handled', 'on-time', 'late', 'overdue'] as const;
export type SupervisionFigure = (typeof SUPERVISION_FIGURES)[number];

export const SUPERVISION_FIGURE_LABELS: Record<SupervisionFigure, string> = {
  handled: '办结任务',
  'on-time': '按时办结的任务',
  late: '超期办结的任务',
  overdue: '逾期未办的任务',
};

/** reports = problemReportsReceived, reports-closed = problemReportsClosed, problem-list = problemListEntries. */
export const SUPERVISION_CASE_FIGURES = ['reports', 'reports-closed', 'problem-list'] as const;
export type SupervisionCaseFigure = (typeof SUPERVISION_CASE_FIGURES)[number];

export const SUPERVISION_CASE_FIGURE_LABELS: Record<SupervisionCaseFigure, string> = {
  reports: '收到的问题数据反馈',
  'reports-closed': '已办结的问题数据反馈',
  'problem-list': '列入问题清单的办件',
};

/** A case behind a supervision figure. */
export interface SupervisionCaseView {
  id: string;
  type: CaseType;
  title: string;
  status: string;
  createdAt: string;
  closedAt: string | null;
}

/** A task behind a supervision figure: the inbox's fields, and how it counts. */
export interface SupervisionTaskView extends Pick<TaskView, 'id' | 'caseId' | 'caseType' | 'caseTitle' | 'step' | 'stepLabel' | 'decision' | 'createdAt' | 'dueAt' | 'completedAt'> {
  /** Answered tasks: working days from receipt to answer (PROCEDURES §2); null for open ones. */
  workingDaysToAnswer: number | null;
  /** Answered tasks: at or before the deadline in force; null for open ones. */
  onTime: boolean | null;
  /** Open overdue tasks: working days begun since the deadline passed; null for answered ones. */
  workingDaysLate: number | null;
}
