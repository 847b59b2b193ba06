'use client';
/** For administrators: the case's Temporal workflow id and, on request, its timeline (GET /admin/cases/{id}/timeline). */
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { fmtDateTime } from '../lib/time';
import { btn, ErrorAlert, Loading, Section } from './ui';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Timeline {
  workflowId?: string;
  runId?: string;
  events?: { [k: string]: Json }[];
  [k: string]: Json | undefined;
}

export function WorkflowPanel({ caseId, workflowId }: { caseId: string; workflowId: string }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  async function load() {
    setLoading(true);
    setError(null);
    try {
      setTimeline(await api<Timeline>(`/admin/cases/${encodeURIComponent(caseId)}/timeline`));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Section
      title="工作流（Temporal）"
      actions={
        <button type="button" className={`${btn.link} text-xs`} onClick={load} disabled={loading}>
          {timeline ? '刷新事件' : '查看工作流事件'}
        </button>
      }
    >
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">Workflow ID</dt>
          <dd className="break-all font-mono text-xs" data-testid="workflow-id">
            {workflowId}
          </dd>
        </div>
        {timeline?.runId && (
          <div>
            <dt className="text-xs text-slate-500">Run ID</dt>
            <dd className="break-all font-mono text-xs">{timeline.runId}</dd>
          </div>
        )}
      </dl>
      <div className="mt-3">
        <ErrorAlert error={error} />
        {loading && <Loading />}
        {timeline?.events && (
          <ol className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded border border-slate-200 text-xs" aria-label="工作流事件">
            {timeline.events.map((ev, i) => {
              const at = ev.at ?? ev.time ?? ev.eventTime;
              const type = ev.type ?? ev.eventType ?? ev.name;
              const rest = Object.fromEntries(Object.entries(ev).filter(([k]) => !['at', 'time', 'eventTime', 'type', 'eventType', 'name', 'eventId', 'id'].includes(k)));
              return (
                <li key={i} className="flex gap-3 px-2 py-1.5">
                  <span className="w-8 shrink-0 text-right text-slate-400">{String(ev.eventId ?? ev.id ?? i + 1)}</span>
                  <span className="tabular w-32 shrink-0 text-slate-500">{typeof at === 'string' ? fmtDateTime(at) : ''}</span>
                  <span className="w-56 shrink-0 font-mono text-slate-800">{typeof type === 'string' ? type : ''}</span>
                  <span className="min-w-0 break-all font-mono text-slate-600">{Object.keys(rest).length ? JSON.stringify(rest) : ''}</span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </Section>
  );
}
