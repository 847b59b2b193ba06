import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '../../../components/ui';
import { CatalogList } from './catalog-list';

export const metadata: Metadata = { title: '数据目录' };

export default function CatalogPage() {
  return (
    <Suspense fallback={<Loading />}>
      <CatalogList />
    </Suspense>
  );
}
