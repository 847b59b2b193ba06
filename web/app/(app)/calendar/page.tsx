import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { CalendarPage } from './calendar-page';

export const metadata: Metadata = { title: '工作日历' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <CalendarPage />
    </Suspense>
  );
}
