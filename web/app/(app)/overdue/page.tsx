import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { OverdueTasks } from './overdue-tasks';

export const metadata: Metadata = { title: '逾期督办' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <OverdueTasks />
    </Suspense>
  );
}
