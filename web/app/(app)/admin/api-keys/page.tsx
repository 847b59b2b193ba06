import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { ApiKeys } from './api-keys';

export const metadata: Metadata = { title: 'API 密钥' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <ApiKeys />
    </Suspense>
  );
}
