'use client';
/**
 * 签收 / 退回签收 / 转办 / 催办 on one task (API.md "Inbox actions"): the
 * inbox and the case page use these. Each click is one request with its own
 * Idempotency-Key, so a retried request is not applied twice.
 */
import { useState, type ReactNode } from 'react';
import type { MeView, TaskView } from '../../domain/views';
import { api, newIdempotencyKey } from '../lib/api';
import { useAction, useApi } from '../lib/use-api';
import { Badge, btn, cx, input } from './ui';
import { Countdown, useNow } from './countdown';

const post = (taskId: string, action: 'claim' | 'unclaim' | 'transfer' | 'urge', body: Record<string, unknown> = {}) =>
  api<TaskView>(`/tasks/${encodeURIComponent(taskId)}/${action}`, { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } });

/** 已签收：张三 / 未签收. */
export function ClaimStatus({ task, me }: { task: TaskView; me: MeView }) {
  if (!task.claimedBy) return <Badge tone="slate">未签收</Badge>;
  const mine = task.claimedBy.id === me.id;
  return (
    <Badge tone={mine ? 'green' : 'amber'} title={mine ? '由您签收办理' : '已由本单位其他人员签收，由其办理'}>
      已签收：{mine ? `${task.claimedBy.name}（本人）` : task.claimedBy.name}
    </Badge>
  );
}

/** 签收 an unclaimed task, 退回签收 one's own (an administrator: anyone's). */
export function ClaimButton({ task, me, onChanged }: { task: TaskView; me: MeView; onChanged: (t: TaskView) => void }) {
  const { busy, error, run } = useAction();
  const admin = me.roles.includes('admin');
  const mine = task.claimedBy?.id === me.id;
  const label = `${task.caseTitle}（${task.stepLabel}）`;
  let button: ReactNode = null;
  if (!task.claimedBy && me.roles.includes(task.assignee.role) && me.org.id === task.assignee.org.id) {
    button = (
      <button type="button" className={btn.secondary} disabled={busy} aria-label={`签收：${label}`} onClick={() => run(async () => onChanged(await post(task.id, 'claim')))}>
        {busy ? '正在签收…' : '签收'}
      </button>
    );
  } else if (task.claimedBy && (mine || admin)) {
    button = (
      <button type="button" className={btn.secondary} disabled={busy} aria-label={`退回签收：${label}`} onClick={() => run(async () => onChanged(await post(task.id, 'unclaim')))}>
        {busy ? '正在退回…' : '退回签收'}
      </button>
    );
  }
  if (!button) return null;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      {button}
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error.message}
        </span>
      )}
    </span>
  );
}

/** 转办: hand the task to another holder of its role in the organisation, with a reason. */
export function TransferForm({ task, onDone }: { task: TaskView; onDone: (t: TaskView) => void }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" className={btn.secondary} onClick={() => setOpen(true)}>
        转办
      </button>
    );
  return <TransferDialog task={task} onClose={() => setOpen(false)} onDone={(t) => { setOpen(false); onDone(t); }} />;
}

function TransferDialog({ task, onClose, onDone }: { task: TaskView; onClose: () => void; onDone: (t: TaskView) => void }) {
  const candidates = useApi<{ items: { id: string; name: string }[] }>(`/tasks/${encodeURIComponent(task.id)}/transfer-candidates`);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const id = `transfer-${task.id}`;
  const people = candidates.data?.items ?? [];
  return (
    <div role="dialog" aria-label="转办" className="flex min-w-72 flex-col gap-2 rounded border border-slate-300 bg-slate-50 p-3 text-sm">
      <label htmlFor={`${id}-to`} className="text-xs font-medium text-slate-700">
        转办给（本单位持有该角色的人员）
      </label>
      <select id={`${id}-to`} className={input} value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!error?.fields.toUserId}>
        <option value="">{candidates.loading ? '加载中…' : people.length ? '请选择' : '本单位没有其他可转办人员'}</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {error?.fields.toUserId && <span className="text-xs text-red-700">{error.fields.toUserId}</span>}
      <label htmlFor={`${id}-reason`} className="text-xs font-medium text-slate-700">
        转办理由（必填）
      </label>
      <textarea id={`${id}-reason`} rows={2} className={input} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error?.fields.reason} />
      {(candidates.error || (error && !error.fields.toUserId)) && <span role="alert" className="text-xs text-red-700">{error?.fields.reason ?? error?.message ?? candidates.error?.message}</span>}
      <span className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={onClose} disabled={busy}>
          取消
        </button>
        <button type="button" className={btn.primary} disabled={busy || !to || !reason.trim()} onClick={() => run(async () => onDone(await post(task.id, 'transfer', { toUserId: to, reason: reason.trim() })))}>
          {busy ? '正在转办…' : '确认转办'}
        </button>
      </span>
    </div>
  );
}

/** 催办 (BDB coordinator, administrator): a message to the task's organisation and role. */
export function UrgeForm({ task, onDone }: { task: TaskView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  const id = `urge-${task.id}`;
  if (!open)
    return (
      <span className="inline-flex items-center gap-2">
        {sent && <span className="text-xs text-green-700" role="status">已催办</span>}
        <button type="button" className={btn.secondary} onClick={() => { setOpen(true); setSent(false); }} aria-label={`催办：${task.assignee.org.name} ${task.stepLabel}`}>
          催办
        </button>
      </span>
    );
  return (
    <div role="dialog" aria-label="催办" className={cx('flex min-w-72 flex-col gap-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm')}>
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        催办内容（发给{task.assignee.org.name}的承办人员）
      </label>
      <textarea id={id} rows={2} className={input} value={message} onChange={(e) => setMessage(e.target.value)} placeholder="例如：申请单位急需，请于今日办结" />
      {error && <span role="alert" className="text-xs text-red-700">{error.fields.message ?? error.message}</span>}
      <span className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={() => setOpen(false)} disabled={busy}>
          取消
        </button>
        <button
          type="button"
          className={btn.primary}
          disabled={busy || !message.trim()}
          onClick={() =>
            run(async () => {
              await post(task.id, 'urge', { message: message.trim() });
              setOpen(false);
              setMessage('');
              setSent(true);
              onDone();
            })
          }
        >
          {busy ? '正在发送…' : '发送催办'}
        </button>
      </span>
    </div>
  );
}

/** The claim line above a task's decision form: who holds it, and 签收 / 退回签收 / 转办. */
export function TaskClaimBar({ task, me, onChanged }: { task: TaskView; me: MeView; onChanged: () => void }) {
  const mayTransfer = !task.claimedBy || task.claimedBy.id === me.id || me.roles.includes('admin');
  return (
    <div role="group" className="mb-3 flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 pb-3" aria-label="签收">
      <span className="flex items-center gap-2 text-sm">
        <ClaimStatus task={task} me={me} />
        {!task.claimedBy && <span className="text-xs text-slate-500">签收后由您办理，本单位其他人员不能同时办理。</span>}
      </span>
      <span className="flex flex-wrap items-start gap-2">
        <ClaimButton task={task} me={me} onChanged={onChanged} />
        {mayTransfer && <TransferForm task={task} onDone={onChanged} />}
      </span>
    </div>
  );
}

/** Whether someone else's claim keeps the user from deciding (an administrator holding the role may still decide). */
export const claimedByOther = (task: TaskView, me: MeView): boolean => !!task.claimedBy && task.claimedBy.id !== me.id && !me.roles.includes('admin');

/** For the BDB coordinator and administrators: every open task of the case, who holds it, and 催办 (administrators also release or reassign). */
/** The other parties' open tasks, for those who oversee them: who holds each, its countdown, and 催办 (转办 for admins). */
export function OpenTasksOversight({ tasks, me, onChanged }: { tasks: TaskView[]; me: MeView; onChanged: () => void }) {
  const admin = me.roles.includes('admin');
  const now = useNow(1000);
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="在办任务">
      {tasks.map((t) => (
        <li key={t.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
          <span className="flex flex-col items-start gap-1">
            <span>
              <span className="font-medium">{t.stepLabel}</span>
              {t.subject && <span className="ml-1 text-xs text-slate-500">{t.subject}</span>}
              <span className="ml-2 text-xs text-slate-500">{t.assignee.org.name}</span>
            </span>
            <ClaimStatus task={t} me={me} />
            <Countdown dueAt={t.dueAt} overdue={t.overdue} now={now} light={t.light} workingDaysLeft={t.workingDaysLeft} />
          </span>
          <span className="flex flex-wrap items-start gap-2">
            {admin && t.claimedBy && <ClaimButton task={t} me={me} onChanged={onChanged} />}
            {admin && <TransferForm task={t} onDone={onChanged} />}
            <UrgeForm task={t} onDone={onChanged} />
          </span>
        </li>
      ))}
    </ul>
  );
}
