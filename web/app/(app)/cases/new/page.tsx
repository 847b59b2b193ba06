import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { NewCase } from './new-case';

export const metadata: Metadata = { title: '新建申请' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <NewCase />
    </Suspense>
  );
}
