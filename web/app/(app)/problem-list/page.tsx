import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { ProblemList } from './problem-list';

export const metadata: Metadata = { title: '问题清单' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <ProblemList />
    </Suspense>
  );
}
