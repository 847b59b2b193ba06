import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { AccountLocks } from './account-locks';

export const metadata: Metadata = { title: '账号锁定' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <AccountLocks />
    </Suspense>
  );
}
