import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { MyCases } from './my-cases';

export const metadata: Metadata = { title: '我的办件' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <MyCases />
    </Suspense>
  );
}
