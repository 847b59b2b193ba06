import type { Metadata } from 'next';
import { AgreementPage } from './agreement-page';

export const metadata: Metadata = { title: '数据利用协议' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AgreementPage caseId={decodeURIComponent(id)} />;
}
