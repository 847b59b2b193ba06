import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../../components/ui';
import { AuditLog } from './audit-log';

export const metadata: Metadata = { title: '审计日志' };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <AuditLog />
    </Suspense>
  );
}
