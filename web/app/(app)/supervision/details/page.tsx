import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { SupervisionDetails } from './supervision-details';

export const metadata: Metadata = { title: '监督考核 · 明细' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <SupervisionDetails />
    </Suspense>
  );
}
