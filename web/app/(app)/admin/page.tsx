import type { Metadata } from 'next';
import { AdminHome } from './admin-home';

export const metadata: Metadata = { title: '管理' };

export default function Page() {
  return <AdminHome />;
}
