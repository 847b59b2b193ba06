import type { Metadata } from 'next';
import { OpinionPage } from './opinion-page';

export const metadata: Metadata = { title: '审核意见' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OpinionPage caseId={decodeURIComponent(id)} />;
}
