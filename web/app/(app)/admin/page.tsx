import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { AdminHome } from './admin-home';

export const metadata: Metadata = { title: '管理' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <AdminHome />
    </Suspense>
  );
}
