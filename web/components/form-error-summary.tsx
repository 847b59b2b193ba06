/**
 * The top-of-form message for a refused submission: the API's message, its article,
 * how many fields to fix — and, listed here, any error for a field the form does not show.
 */
import type { ApiError } from '../lib/api';
import { ArticleBadge } from './ui';

export function FormErrorSummary({ error, fields, known }: { error: ApiError | null; fields: Record<string, string>; known?: readonly string[] }) {
  if (!error) return null;
  const keys = Object.keys(fields);
  const unshown = known ? keys.filter((k) => !known.includes(k.split('.')[0] ?? k)) : [];
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <div className="font-semibold">
        {error.status === 422 || error.status === 400 ? '提交未被受理' : '提交失败'} {error.article && <ArticleBadge article={error.article} />}
      </div>
      <div>{error.message}</div>
      {unshown.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-xs">
          {unshown.map((k) => (
            <li key={k}>
              <span className="font-mono">{k}</span>：{fields[k]}
            </li>
          ))}
        </ul>
      )}
      {keys.length > 0 && <div className="mt-0.5 text-xs">请修改标出的 {keys.length} 处内容后重新提交，已填写的内容均已保留。</div>}
    </div>
  );
}
