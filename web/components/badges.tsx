/** Badges for the domain's enums, all in Chinese. */
import type { CaseStatus, OpenClass, ShareClass, CalendarYearView } from '../../domain/views';
import { CASE_STATUS, OPEN_CLASS, SHARE_CLASS, YEAR_SOURCE, decisionMeta } from '../lib/labels';
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

export function DecisionBadge({ value }: { value: string | null | undefined }) {
  if (!value) return null;
  const m = decisionMeta(value);
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
