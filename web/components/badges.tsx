/** Badges for the domain's enums, all in Chinese. */
import type { CaseStatus, CaseType, OpenClass, ShareClass, CalendarYearView } from '../../domain/views';
import { CASE_STATUS, OPEN_CLASS, SHARE_CLASS, YEAR_SOURCE } from '../lib/labels';
import { decisionMetaFor } from '../lib/procedures';
import { Badge } from './ui';

export function ShareClassBadge({ value }: { value: ShareClass }) {
  const m = SHARE_CLASS[value] ?? { label: value, tone: 'slate' as const };
  return <Badge tone={m.tone}>{m.label}</Badge>;
}

export function OpenClassBadge({ value }: { value: OpenClass }) {
  const m = OPEN_CLASS[value] ?? { label: value, tone: 'slate' as const };
  return <Badge tone={m.tone}>{m.label}</Badge>;
}

export function CaseStatusBadge({ value }: { value: CaseStatus }) {
  const m = CASE_STATUS[value] ?? { label: value, tone: 'slate' as const };
  return <Badge tone={m.tone}>{m.label}</Badge>;
}

/** A decision in its procedure's words: `approve` is 通过 in one step and 评估通过 in another. */
export function DecisionBadge({ type, step, value }: { type: CaseType; step: string | null | undefined; value: string | null | undefined }) {
  if (!value) return null;
  const m = decisionMetaFor(type, step, value);
  return <Badge tone={m.tone}>{m.label}</Badge>;
}

export function YearSourceBadge({ value }: { value: CalendarYearView['source'] }) {
  const m = YEAR_SOURCE[value] ?? { label: value, tone: 'slate' as const, note: '' };
  return (
    <Badge tone={m.tone} title={m.note}>
      {m.label}
    </Badge>
  );
}
