import type { Metadata } from 'next';
import { ResourceDetail } from './resource-detail';

export const metadata: Metadata = { title: '数据资源' };

export default async function ResourcePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <ResourceDetail code={decodeURIComponent(code)} />;
}
