import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { YearDetail } from './year-detail';

export const metadata: Metadata = { title: '年度节假日安排' };

export default async function YearPage({ params }: { params: Promise<{ year: string }> }) {
  const { year } = await params;
  if (!/^\d{4}$/.test(year)) notFound();
  return <YearDetail year={Number(year)} />;
}
