import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { CcInbox } from './cc-inbox';

export const metadata: Metadata = { title: '抄送' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <CcInbox />
    </Suspense>
  );
}
