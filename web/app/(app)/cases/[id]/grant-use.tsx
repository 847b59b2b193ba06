'use client';
/**
 * 使用记录 of one access grant on the case page: how often the data was used and
 * when last, and — for the grant's organisation while the grant lasts — a small
 * form that records one use with its purpose (POST /grants/{id}/access, audited).
 */
import { useRef, useState } from 'react';
import type { GrantView } from '../../../../../domain/views';
import { api, ApiError, newIdempotencyKey } from '../../../../lib/api';
import { btn, errorId, input } from '../../../../components/ui';
import { fmtDateTime } from '../../../../lib/time';

export function GrantUse({ grant, canRecord, onRecorded }: { grant: GrantView; canRecord: boolean; onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // One key per purpose sent: a retry after a lost answer is not counted twice; a new use gets a new key.
  const attempt = useRef<{ key: string; purpose: string } | null>(null);
  const id = `grant-use-${grant.id}`;

  const record = async () => {
    const sent = purpose.trim();
    if (attempt.current?.purpose !== sent) attempt.current = { key: newIdempotencyKey(), purpose: sent };
    setBusy(true);
    setError(null);
    try {
      await api(`/grants/${encodeURIComponent(grant.id)}/access`, { method: 'POST', body: { purpose: sent }, headers: { 'Idempotency-Key': attempt.current.key } });
      attempt.current = null;
      setPurpose('');
      setOpen(false);
      onRecorded();
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      if (ae.status >= 400 && ae.status < 500) attempt.current = null;
      setError(ae);
      // The grant ended meanwhile: show it as it is now, with the refusal beside it.
      if (ae.status === 409) {
        setOpen(false);
        onRecorded();
      }
    } finally {
      setBusy(false);
    }
  };

  const message = error ? (error.fields.purpose ?? error.message) : null;
  return (
    <div className="space-y-1 text-xs">
      <div>
        已使用 <span className="font-semibold">{grant.accessCount}</span> 次
        {grant.lastAccessAt && <span className="block text-slate-500">最近 {fmtDateTime(grant.lastAccessAt)}</span>}
      </div>
      {canRecord && grant.status === 'active' && !open && (
        <button type="button" className={btn.secondary} onClick={() => setOpen(true)}>
          记录使用
        </button>
      )}
      {canRecord && open && (
        <form
          className="flex min-w-64 flex-col gap-2 rounded border border-slate-200 bg-slate-50 p-2"
          aria-label={`记录使用${grant.resourceName}`}
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <label htmlFor={id} className="text-slate-700">
            本次使用用途（必填）
          </label>
          <textarea
            id={id}
            rows={2}
            maxLength={500}
            className={input}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            aria-invalid={error?.fields.purpose ? true : undefined}
            aria-describedby={message ? errorId(id) : undefined}
          />
          {message && (
            <span id={errorId(id)} role="alert" className="text-red-700">
              {message}
            </span>
          )}
          <span className="flex justify-end gap-2">
            <button type="button" className={btn.secondary} onClick={() => setOpen(false)} disabled={busy}>
              取消
            </button>
            <button type="submit" className={btn.primary} disabled={busy || !purpose.trim()}>
              {busy ? '正在记录…' : '确认记录'}
            </button>
          </span>
        </form>
      )}
      {!open && message && (
        <span role="alert" className="block text-red-700">
          {message}
        </span>
      )}
    </div>
  );
}
