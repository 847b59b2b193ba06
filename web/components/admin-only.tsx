'use client';
/** An administrator's page: others see why they cannot use it, and none of its requests are sent. */
import type { ReactNode } from 'react';
import { hasRole, useMe } from '../lib/session';
import { Notice, PageHeader } from './ui';

export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const me = useMe();
  if (hasRole(me, 'admin')) return <>{children}</>;
  return (
    <div>
      <PageHeader title={title} breadcrumb={[{ href: '/admin', label: '管理' }]} />
      <Notice tone="amber">仅系统管理员可访问此页面。</Notice>
    </div>
  );
}
