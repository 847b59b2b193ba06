/**
 * Times in Asia/Shanghai (PROCEDURES.md §2). China has no daylight saving,
 * so Shanghai wall time is UTC+8 everywhere and always.
 */
import { dueText } from '../../domain/cases/due-text';

const OFFSET_MS = 8 * 3600 * 1000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'] as const;

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

export function shanghai(d: Date | string | number): WallTime {
  const t = new Date(typeof d === 'string' || typeof d === 'number' ? d : d.getTime());
  const s = new Date(t.getTime() + OFFSET_MS);
  return {
    year: s.getUTCFullYear(),
    month: s.getUTCMonth() + 1,
    day: s.getUTCDate(),
    hour: s.getUTCHours(),
    minute: s.getUTCMinutes(),
    second: s.getUTCSeconds(),
    weekday: s.getUTCDay(),
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of today in Shanghai. */
export function todayShanghai(now: Date = new Date()): string {
  const w = shanghai(now);
  return `${w.year}-${p2(w.month)}-${p2(w.day)}`;
}

/** '2026-10-14 09:30' */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const w = shanghai(iso);
  if (Number.isNaN(w.year)) return iso;
  return `${w.year}-${p2(w.month)}-${p2(w.day)} ${p2(w.hour)}:${p2(w.minute)}`;
}

/** '2026年10月14日' — from an ISO instant or a plain 'YYYY-MM-DD'. */
export function fmtDate(isoOrDate: string | null | undefined): string {
  if (!isoOrDate) return '—';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoOrDate);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  const w = shanghai(isoOrDate);
  if (Number.isNaN(w.year)) return isoOrDate;
  return `${w.year}年${w.month}月${w.day}日`;
}

export function weekdayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return `星期${WEEKDAYS[wd]}`;
}

/**
 * A deadline the way the regulation counts it: '2026年10月14日 00:00，即10月13日24:00'
 * (a deadline at midnight is the end of the previous day, 民法典第203条; dueText says which).
 */
export function fmtDeadline(iso: string | null | undefined): string {
  if (!iso) return '—';
  const w = shanghai(iso);
  if (Number.isNaN(w.year)) return iso;
  const head = `${w.year}年${w.month}月${w.day}日 ${p2(w.hour)}:${p2(w.minute)}`;
  if (w.hour !== 0 || w.minute !== 0 || w.second !== 0) return head;
  const endOfDay = dueText(iso);
  return `${head}，即${endOfDay.startsWith(`${w.year}年`) ? endOfDay.slice(`${w.year}年`.length) : endOfDay}`;
}

/** A <input type="datetime-local"> value ('2026-09-30T10:00') read as Shanghai time → ISO with +08:00. */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`;
}

/** The current Shanghai time as a datetime-local value. */
export function nowLocalInput(now: Date = new Date()): string {
  const w = shanghai(now);
  return `${w.year}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}`;
}

/** ISO instant → datetime-local value in Shanghai time. */
export function isoToLocalInput(iso: string): string {
  const w = shanghai(iso);
  return `${w.year}-${p2(w.month)}-${p2(w.day)}T${p2(w.hour)}:${p2(w.minute)}`;
}

export interface Remaining {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  totalMs: number;
}

export function remaining(dueAt: string, now: number): Remaining {
  const diff = new Date(dueAt).getTime() - now;
  const abs = Math.abs(diff);
  return {
    overdue: diff < 0,
    days: Math.floor(abs / 86_400_000),
    hours: Math.floor((abs % 86_400_000) / 3_600_000),
    minutes: Math.floor((abs % 3_600_000) / 60_000),
    seconds: Math.floor((abs % 60_000) / 1000),
    totalMs: diff,
  };
}

/** '剩余 2 天 3 小时' / '剩余 3 小时 12 分' / '剩余 4 分 30 秒' / '已逾期 1 天 2 小时' */
export function fmtRemaining(r: Remaining): string {
  const head = r.overdue ? '已逾期' : '剩余';
  if (r.days > 0) return `${head} ${r.days} 天 ${r.hours} 小时`;
  if (r.hours > 0) return `${head} ${r.hours} 小时 ${r.minutes} 分`;
  return `${head} ${r.minutes} 分 ${r.seconds} 秒`;
}

/** '10月8日' from 'YYYY-MM-DD' (or an ISO string starting with it). */
export function fmtMonthDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${Number(m[2])}月${Number(m[3])}日` : date;
}
