/** Catalog rules (Art. 10, 16, 25, 26), free of zod: the workflows use them (./resource adds the schemas of catalog queries). */
export const SHARE_CLASSES = ['unconditional', 'restricted', 'none'] as const;
export const OPEN_CLASSES = ['unconditional', 'conditional', 'none'] as const;
export type ShareClass = (typeof SHARE_CLASSES)[number];
export type OpenClass = (typeof OPEN_CLASSES)[number];

export const SHARE_CLASS_LABELS: Record<ShareClass, string> = {
  unconditional: '无条件共享',
  restricted: '受限共享',
  none: '非共享',
};
export const OPEN_CLASS_LABELS: Record<OpenClass, string> = {
  unconditional: '无条件开放',
  conditional: '有条件开放',
  none: '不开放',
};

/** Update cycles and how long each may go without an update before it lapses (Art. 26). */
export const UPDATE_CYCLES = {
  realtime: { label: '实时', maxDays: 1 },
  daily: { label: '每日', maxDays: 2 },
  weekly: { label: '每周', maxDays: 8 },
  monthly: { label: '每月', maxDays: 32 },
  quarterly: { label: '每季度', maxDays: 93 },
  yearly: { label: '每年', maxDays: 366 },
} as const;
export type UpdateCycle = keyof typeof UPDATE_CYCLES;

export const updateCycleLabel = (cycle: string): string => (UPDATE_CYCLES as Record<string, { label: string }>)[cycle]?.label ?? cycle;

/** A resource whose update cycle has passed without an update is flagged (Art. 26). */
export function isUpdateLapsed(cycle: string, lastUpdatedAt: Date, now: Date): boolean {
  const c = (UPDATE_CYCLES as Record<string, { maxDays: number }>)[cycle];
  if (!c) return false;
  return now.getTime() - lastUpdatedAt.getTime() > c.maxDays * 86_400_000;
}

/** Art. 16: a restricted or non-share entry must state its reason and legal basis. */
export function missingShareJustification(r: { shareClass: string; shareReason: string | null; shareLegalBasis: string | null }): string[] {
  if (r.shareClass === 'unconditional') return [];
  return [...(r.shareReason ? [] : ['shareReason']), ...(r.shareLegalBasis ? [] : ['shareLegalBasis'])];
}
