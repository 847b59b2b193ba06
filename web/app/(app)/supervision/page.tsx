import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { SupervisionPage } from './supervision-page';

export const metadata: Metadata = { title: '监督考核' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <SupervisionPage />
    </Suspense>
  );
}
