'use client';
import { useSearchParams } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { MeView } from '../../../domain/views';
import { homeFor } from '../../components/app-shell';
import { btn, errorId, input } from '../../components/ui';
import { api, ApiError } from '../../lib/api';

/** Only same-site paths: never an open redirect. */
function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) return null;
  return next;
}

/** "5 分钟" / "40 秒": the wait of a Retry-After, as people say it. */
function waitWords(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** 429: the account is locked after repeated failures, or this address tried too often. */
function tooManyMessage(err: ApiError): string {
  const reason = err.message.replace(/[，,]?\s*请稍后再试[。.]?$/, '') || '登录尝试次数过多';
  const wait = err.retryAfterSeconds ? `请 ${waitWords(err.retryAfterSeconds)}后再试。` : '请稍后再试。';
  const help = reason.includes('锁定') ? '如需立即登录，请联系系统管理员解除锁定。' : '';
  return `${reason}，${wait}${help}`;
}

export function LoginForm() {
  const params = useSearchParams();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!username.trim()) local.username = '请输入用户名';
    if (!password) local.password = '请输入密码';
    setFields(local);
    if (Object.keys(local).length) {
      setError(null);
      (local.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ user: MeView }>('/session', {
        method: 'POST',
        body: { username: username.trim(), password },
        allowUnauthenticated: true,
      });
      window.location.assign(next ?? (res?.user ? homeFor(res.user) : '/'));
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.status === 401 ? '用户名或密码错误，请重新输入。' : err.status === 429 ? tooManyMessage(err) : err.message);
        setFields(err.fields);
      } else {
        setError('登录失败，请稍后重试。');
      }
      setBusy(false);
      passwordRef.current?.select();
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby={error ? 'login-error' : undefined}>
      {error && (
        <div id="login-error" role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </div>
      )}
      <div>
        <label htmlFor="username" className="mb-1 block text-sm font-medium text-slate-800">
          用户名
        </label>
        <input
          ref={usernameRef}
          id="username"
          name="username"
          autoComplete="username"
          autoFocus
          className={input}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={fields.username ? true : undefined}
          aria-describedby={fields.username ? errorId('username') : undefined}
        />
        {fields.username && (
          <p id={errorId('username')} className="mt-1 text-xs font-medium text-red-700">
            {fields.username}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-800">
          密码
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          className={input}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={fields.password ? true : undefined}
          aria-describedby={fields.password ? errorId('password') : undefined}
        />
        {fields.password && (
          <p id={errorId('password')} className="mt-1 text-xs font-medium text-red-700">
            {fields.password}
          </p>
        )}
      </div>
      <button type="submit" className={`${btn.primary} w-full py-2`} disabled={busy}>
        {busy ? '正在登录…' : '登录'}
      </button>
    </form>
  );
}
