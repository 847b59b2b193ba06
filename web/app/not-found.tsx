import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-xl font-semibold text-slate-900">页面不存在</h1>
      <p className="mt-2 text-sm text-slate-600">您访问的页面不存在或已被移除。</p>
      <Link href="/" className="mt-6 inline-block text-sm text-blue-700 hover:underline">
        返回首页
      </Link>
    </main>
  );
}
