'use client';
/**
 * For administrators: the case's Temporal workflow — id, run, status — and, on
 * request, its event history in readable form (GET /admin/cases/{id}/timeline).
 */
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { fmtDateTime } from '../lib/time';
import type { AdminCaseTimelineView } from '../../domain/views';
import { Badge, btn, Dl, ErrorAlert, Loading, Section } from './ui';

type AdminTimeline = AdminCaseTimelineView;

const STATUS_TONE: Record<string, 'green' | 'blue' | 'red' | 'slate'> = {
  RUNNING: 'blue',
  COMPLETED: 'green',
  FAILED: 'red',
  TERMINATED: 'red',
  TIMED_OUT: 'red',
  CANCELED: 'slate',
};

export function WorkflowPanel({ caseId, workflowId }: { caseId: string; workflowId: string }) {
  const [timeline, setTimeline] = useState<AdminTimeline | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  async function load() {
    setLoading(true);
    setError(null);
    try {
      setTimeline(await api<AdminTimeline>(`/admin/cases/${encodeURIComponent(caseId)}/timeline`));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    } finally {
      setLoading(false);
    }
  }

  const wf = timeline?.workflow;
  return (
    <Section
      title="工作流（Temporal）"
      actions={
        <button type="button" className={`${btn.link} text-xs`} onClick={load} disabled={loading}>
          {timeline ? '刷新事件' : '查看工作流事件'}
        </button>
      }
    >
      <Dl
        cols={3}
        rows={[
          { label: 'Workflow ID', value: <span className="break-all font-mono text-xs" data-testid="workflow-id">{workflowId}</span> },
          ...(wf
            ? [
                { label: 'Run ID', value: <span className="break-all font-mono text-xs">{wf.runId ?? '—'}</span> },
                { label: '状态', value: wf.status ? <Badge tone={STATUS_TONE[wf.status] ?? 'slate'}>{wf.status}</Badge> : '—' },
                { label: '工作流类型', value: <span className="font-mono text-xs">{wf.type ?? '—'}</span> },
                { label: '任务队列', value: <span className="font-mono text-xs">{wf.taskQueue ?? '—'}</span> },
                { label: '开始 / 结束', value: `${fmtDateTime(wf.startTime)} / ${fmtDateTime(wf.closeTime)}` },
              ]
            : []),
        ]}
      />
      <div className="mt-3">
        <ErrorAlert error={error} />
        {loading && <Loading />}
        {timeline && !wf && <p className="text-sm text-slate-500">Temporal 中没有该工作流的记录。</p>}
        {wf && (
          <ol className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded border border-slate-200 text-xs" aria-label="工作流事件">
            {wf.events.map((ev) => (
              <li key={String(ev.id)} className="flex gap-3 px-2 py-1.5">
                <span className="w-8 shrink-0 text-right text-slate-400">{String(ev.id)}</span>
                <span className="tabular w-32 shrink-0 text-slate-500">{fmtDateTime(ev.at)}</span>
                <span className="w-60 shrink-0 font-mono text-slate-800">{ev.type}</span>
                <span className="min-w-0 break-all text-slate-600">
                  {ev.detail === null || ev.detail === undefined ? '' : typeof ev.detail === 'string' ? ev.detail : JSON.stringify(ev.detail)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Section>
  );
}
