import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { StuckCases } from './stuck-cases';

export const metadata: Metadata = { title: '异常办件' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <StuckCases />
    </Suspense>
  );
}
