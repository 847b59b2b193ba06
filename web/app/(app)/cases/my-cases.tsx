'use client';
/** 我的办件: the cases the user's organisation filed, with status and current step. */
import Link from 'next/link';
import type { CaseSummaryView } from '../../../../domain/views';
import { CaseFilters, CaseTable } from '../../../components/case-table';
import { btn, ErrorAlert, Loading, PageHeader } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { hasRole, useMe } from '../../../lib/session';
import { useApi } from '../../../lib/use-api';
import { useUrlParams } from '../../../lib/url-params';

export function MyCases() {
  const me = useMe();
  const [params, setParams] = useUrlParams();
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const { data, error, loading, reload } = useApi<{ items: CaseSummaryView[] }>(`/cases${qs({ mine: true, type, status })}`);
  const canFile = hasRole(me, 'applicant');

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
      <CaseFilters idPrefix="cases" type={type} status={status} onChange={(k, v) => setParams({ [k]: v })} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <CaseTable
          items={data?.items ?? []}
          label="我的办件"
          empty={
            type || status ? (
              '没有符合筛选条件的办件。'
            ) : (
              <>
                暂无办件。
                {canFile && (
                  <Link href="/cases/new" className="ml-1 text-blue-700 hover:underline">
                    新建申请
                  </Link>
                )}
              </>
            )
          }
        />
      )}
    </div>
  );
}
