'use client';
/**
 * The signed-in frame: header (product, user, organisation, roles), navigation
 * that follows the user's roles, sign-out. Loads /me; without a session it
 * sends the user to /login?next=<here>.
 */
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { ROLE_LABELS, can, superviseOverdue } from '../../domain/auth/roles';
import type { MeView } from '../../domain/views';
import { api, ApiError, loginHref } from '../lib/api';
import { MeContext } from '../lib/session';
import { NotificationBell } from './notification-bell';
import { cx, ErrorAlert, Loading } from './ui';

interface NavItem {
  href: string;
  label: string;
}

export function navFor(me: MeView): NavItem[] {
  const items: NavItem[] = [];
  // The investment and finance authorities receive review opinions to read (Art. 9), not tasks to act on.
  if (me.roles.includes('opinion-recipient')) items.push({ href: '/cc', label: '抄送' });
  if (can.haveInbox(me.roles.filter((r) => r !== 'opinion-recipient'))) items.push({ href: '/inbox', label: '待办' });
  if (can.fileCases(me.roles)) items.push({ href: '/cases', label: '我的办件' });
  if (superviseOverdue(me.roles)) items.push({ href: '/overdue', label: '逾期督办' });
  if (superviseOverdue(me.roles)) items.push({ href: '/supervision', label: '监督考核' });
  // The leadership office settles what is on the problem list (Art. 18 ¶2).
  if (superviseOverdue(me.roles) || me.roles.includes('leadership-office')) items.push({ href: '/problem-list', label: '问题清单' });
  items.push({ href: '/catalog', label: '数据目录' });
  items.push({ href: '/calendar', label: '工作日历' });
  if (can.administer(me.roles)) items.push({ href: '/admin', label: '管理' });
  return items;
}

/** Where a user lands after signing in: the administrator's desk, or the first page their roles give them. */
export function homeFor(me: MeView): string {
  if (can.administer(me.roles)) return '/admin';
  return navFor(me)[0]?.href ?? '/catalog';
}

export function AppShell({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const router = useRouter();

  useEffect(() => {
    let cancelled = false;
    api<MeView>('/me', { allowUnauthenticated: true })
      .then((m) => !cancelled && setMe(m))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.status === 401) router.replace(loginHref());
        else setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
      });
    return () => {
      cancelled = true;
    };
  }, [router, attempt]);

  if (!me) {
    return (
      <div className="min-h-screen bg-slate-100">
        <HeaderBar />
        <main className="mx-auto max-w-7xl px-4 py-6">
          {error ? <ErrorAlert error={error} title="无法加载用户信息" onRetry={() => setAttempt((a) => a + 1)} /> : <Loading />}
        </main>
      </div>
    );
  }

  return (
    <MeContext.Provider value={me}>
      <div className="flex min-h-screen flex-col bg-slate-100">
        <HeaderBar me={me} />
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-5">{children}</main>
        <footer className="border-t border-slate-200 bg-white py-3 text-center text-xs text-slate-500">
          依据《宁波市公共数据管理办法》（甬政办发〔2019〕72号）· 宁波市大数据发展管理局
        </footer>
      </div>
    </MeContext.Provider>
  );
}

function HeaderBar({ me }: { me?: MeView }) {
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await api<void>('/session', { method: 'DELETE', allowUnauthenticated: true });
    } catch {
      // Signed out or not, the sign-in page is where the user goes next.
    }
    window.location.assign('/login');
  }

  return (
    <header className="bg-blue-900 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
        <Link href="/" className="flex items-center gap-2">
          <span className="flex h-8 w-8 items-center justify-center rounded bg-red-700 text-base font-bold" aria-hidden="true">
            甬
          </span>
          <span className="leading-tight">
            <span className="block text-base font-semibold tracking-wide">甬数流程</span>
            <span className="block text-[11px] text-blue-200">宁波市公共数据管理工作平台</span>
          </span>
        </Link>
        {me && (
          <nav aria-label="主导航" className="flex flex-1 flex-wrap items-center gap-1">
            {navFor(me).map((item) => {
              // A case page belongs to whichever list led there: only the lists themselves light up.
              const active = item.href === '/cases' ? pathname === '/cases' || pathname === '/cases/new' : pathname === item.href || pathname.startsWith(item.href + '/');
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={cx(
                    'rounded px-3 py-1.5 text-sm font-medium',
                    active ? 'bg-white/15 text-white' : 'text-blue-100 hover:bg-white/10 hover:text-white',
                  )}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
        )}
        {me && (
          <div className="ml-auto flex items-center gap-3 text-sm">
            <NotificationBell />
            <div className="text-right leading-tight" aria-label="当前用户">
              <div className="font-medium">{me.displayName}</div>
              <div className="text-[11px] text-blue-200">
                {me.org.name} · {me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}
              </div>
            </div>
            <button
              type="button"
              onClick={signOut}
              disabled={signingOut}
              className="rounded border border-white/30 px-2.5 py-1 text-xs font-medium hover:bg-white/10 disabled:opacity-60"
            >
              退出登录
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
