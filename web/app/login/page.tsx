import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: '登录' };

export default function LoginPage() {
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-blue-900 to-blue-800">
      <main className="flex flex-1 items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center text-white">
            <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded bg-red-700 text-2xl font-bold" aria-hidden="true">
              甬
            </div>
            <div className="text-2xl font-semibold tracking-wide">甬数流程</div>
            <div className="mt-1 text-sm text-blue-200">宁波市公共数据管理工作平台</div>
          </div>
          <div className="rounded-md bg-white p-6 shadow-lg">
            <h1 className="mb-4 text-lg font-semibold text-slate-900">登录</h1>
            <Suspense fallback={null}>
              <LoginForm />
            </Suspense>
          </div>
          <p className="mt-6 text-center text-xs text-blue-200">依据《宁波市公共数据管理办法》（甬政办发〔2019〕72号）</p>
        </div>
      </main>
    </div>
  );
}
