'use client';
/** "/" — send the user to the first page their roles give them. */
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { homeFor } from '../../components/app-shell';
import { Loading } from '../../components/ui';
import { useMe } from '../../lib/session';

export default function Home() {
  const me = useMe();
  const router = useRouter();
  useEffect(() => {
    router.replace(homeFor(me));
  }, [me, router]);
  return <Loading />;
}
