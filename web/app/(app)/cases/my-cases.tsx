'use client';
/** 我的办件: the cases the user's organisation filed, with status and current step. */
import Link from 'next/link';
import { PagedCaseList } from '../../../components/case-table';
import { btn, PageHeader } from '../../../components/ui';
import { fileableBy } from '../../../lib/procedures';
import { useMe } from '../../../lib/session';

export function MyCases() {
  const me = useMe();
  // Public applicants (persons, companies) file conditional-open applications; agencies restricted-share requests.
  const canFile = fileableBy(me.roles).length > 0;

  return (
    <div>
      <PageHeader
        title="我的办件"
        subtitle={`${me.org.name}提交的申请及其办理进度。`}
        actions={
          canFile && (
            <Link href="/cases/new" className={btn.primary}>
              新建申请
            </Link>
          )
        }
      />
      <PagedCaseList
        mine
        idPrefix="cases"
        label="我的办件"
        empty={
          <>
            暂无办件。
            {canFile && (
              <Link href="/cases/new" className="ml-1 text-blue-700 hover:underline">
                新建申请
              </Link>
            )}
          </>
        }
      />
    </div>
  );
}
