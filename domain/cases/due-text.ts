/**
 * A deadline instant as people in Ningbo say it: "2026年10月13日24:00"
 * (Asia/Shanghai; a deadline at 00:00 is the previous day's 24:00, PROCEDURES §2).
 * Pure arithmetic (Shanghai has no daylight saving), so workflows may use it.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function dueText(iso: string): string {
  const local = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const midnight = local.getUTCHours() === 0 && local.getUTCMinutes() === 0;
  const day = midnight ? new Date(local.getTime() - 86_400_000) : local;
  const hm = midnight ? '24:00' : `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return `${day.getUTCFullYear()}年${day.getUTCMonth() + 1}月${day.getUTCDate()}日${hm}`;
}
