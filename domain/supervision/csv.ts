/**
 * The supervision report as CSV for Excel: UTF-8 with a byte-order mark (so
 * Excel reads the Chinese), CRLF lines and RFC 4180 quoting. A cell that
 * Excel would read as a formula (= + - @, tab, CR at its start) is prefixed
 * with an apostrophe: organisation names are typed by people.
 */
import type { SupervisionFigures, SupervisionReport } from './figures';

export const SUPERVISION_CSV_HEADERS = [
  '单位',
  '办结任务数',
  '按时办结数',
  '按时办结率',
  '平均办理用时（工作日）',
  '逾期未办任务数',
  '收到问题数据反馈数',
  '已办结问题数据反馈数',
  '问题数据闭环率',
  '列入问题清单数',
] as const;

const BOM = '\uFEFF';

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** 0.6667 → "66.67%"; null (nothing to divide) → empty. */
const percent = (r: number | null): string | null => (r === null ? null : `${Math.round(r * 10000) / 100}%`);

const cells = (name: string, f: SupervisionFigures): (string | number | null)[] => [
  name,
  f.tasksHandled,
  f.tasksOnTime,
  percent(f.onTimeRate),
  f.avgWorkingDaysToAnswer,
  f.openOverdue,
  f.problemReportsReceived,
  f.problemReportsClosed,
  percent(f.closureRate),
  f.problemListEntries,
];

export function supervisionCsv(report: SupervisionReport): string {
  const rows = [[...SUPERVISION_CSV_HEADERS], ...report.items.map((r) => cells(r.org.name, r)), cells('全市合计', report.total)];
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const supervisionCsvFilename = (r: Pick<SupervisionReport, 'from' | 'to'>): string => `supervision-${r.from}-${r.to}.csv`;
