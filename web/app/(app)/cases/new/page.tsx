import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { NewRestrictedShare } from './new-restricted-share';

export const metadata: Metadata = { title: '新建申请' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <NewRestrictedShare />
    </Suspense>
  );
}
