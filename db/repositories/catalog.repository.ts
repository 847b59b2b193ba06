import type { Db } from '../client';
import type { CatalogQuery } from '../../domain/catalog/resource';
import { isUpdateLapsed, updateCycleLabel } from '../../domain/catalog/resource';
import type { ResourceView } from '../../domain/views';
import { formatShanghai } from '../../domain/calendar';

type Row = Awaited<ReturnType<Db['resource']['findFirstOrThrow']>> & { provider: { id: string; name: string } };

export const toResourceView = (r: Row, now = new Date()): ResourceView => ({
  code: r.code,
  name: r.name,
  system: r.system,
  dataItems: r.dataItems as string[],
  storageFormat: r.storageFormat,
  shareClass: r.shareClass as ResourceView['shareClass'],
  openClass: r.openClass as ResourceView['openClass'],
  shareReason: r.shareReason,
  shareLegalBasis: r.shareLegalBasis,
  openReason: r.openReason,
  provisionMethod: r.provisionMethod,
  updateCycle: r.updateCycle,
  updateCycleLabel: updateCycleLabel(r.updateCycle),
  sharePeriodDays: r.sharePeriodDays,
  provider: { id: r.provider.id, name: r.provider.name },
  lastUpdatedAt: formatShanghai(r.lastUpdatedAt),
  updateLapsed: isUpdateLapsed(r.updateCycle, r.lastUpdatedAt, now),
});

export function createCatalogRepository(db: Db) {
  return {
    async list(q: CatalogQuery): Promise<ResourceView[]> {
      const rows = await db.resource.findMany({
        where: {
          ...(q.shareClass ? { shareClass: q.shareClass } : {}),
          ...(q.openClass ? { openClass: q.openClass } : {}),
          ...(q.provider ? { OR: [{ providerId: q.provider }, { provider: { name: { contains: q.provider } } }] } : {}),
          ...(q.q ? { AND: [{ OR: [{ name: { contains: q.q } }, { code: { contains: q.q } }, { system: { contains: q.q } }] }] } : {}),
        },
        include: { provider: true },
        orderBy: { code: 'asc' },
      });
      return rows.map((r) => toResourceView(r));
    },
    async get(code: string): Promise<ResourceView | null> {
      const r = await db.resource.findUnique({ where: { code }, include: { provider: true } });
      return r ? toResourceView(r) : null;
    },
    async getMany(codes: string[]): Promise<ResourceView[]> {
      const rows = await db.resource.findMany({ where: { code: { in: codes } }, include: { provider: true } });
      return rows.map((r) => toResourceView(r));
    },
  };
}
export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
