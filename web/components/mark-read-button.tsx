'use client';
/** 标记已读 for a 抄送 item (POST /tasks/{id}/read): idempotent, so a second click changes nothing. */
import { api } from '../lib/api';
import type { CcItemView } from '../lib/it-project';
import { useAction } from '../lib/use-api';
import { btn } from './ui';

export function MarkReadButton({ item, onDone }: { item: Pick<CcItemView, 'id' | 'title'>; onDone: () => void }) {
  const { busy, error, run } = useAction();
  return (
    <span className="flex flex-col items-end">
      <button
        type="button"
        className={`${btn.primary} whitespace-nowrap`}
        disabled={busy}
        aria-label={`标记已读：${item.title}`}
        onClick={() =>
          void run(async () => {
            await api(`/tasks/${encodeURIComponent(item.id)}/read`, { method: 'POST', body: {} });
            onDone();
          })
        }
      >
        {busy ? '正在标记…' : '标记已读'}
      </button>
      {error && <span className="mt-1 text-xs text-red-700">{error.message}</span>}
    </span>
  );
}
