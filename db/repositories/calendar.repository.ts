import type { Db } from '../client';
import { fromJson, toJson } from '../json';
import type { PublishedYear } from '../../domain/calendar';
import { refreshSupervisionCalendar } from './supervision-rollup';

/** Rebuilding a year of the rollup may outlast Prisma's default 5 s for an interactive transaction. */
const REBUILD_TIME = { timeout: 120_000, maxWait: 30_000 };

export function createCalendarRepository(db: Db) {
  return {
    async publishedYears(): Promise<(PublishedYear & { publishedAt: Date; publishedBy: string })[]> {
      const rows = await db.calendarYear.findMany({ orderBy: { year: 'asc' } });
      return rows.map((r) => ({
        year: r.year,
        holidays: fromJson<PublishedYear['holidays']>(r.holidays),
        workdays: fromJson<PublishedYear['workdays']>(r.workdays),
        publishedAt: r.publishedAt,
        publishedBy: r.publishedBy,
      }));
    },
    /**
     * Withdraws a published year: it falls back to the bundled data, or to provisional.
     * In the same transaction the supervision rollup's working days follow the calendar.
     */
    async unpublish(year: number): Promise<boolean> {
      return db.$transaction(async (tx) => {
        const r = await tx.calendarYear.deleteMany({ where: { year } });
        if (r.count > 0) await refreshSupervisionCalendar(tx);
        return r.count > 0;
      }, REBUILD_TIME);
    },
    async publish(y: PublishedYear, publishedBy: string): Promise<void> {
      const data = { holidays: toJson(y.holidays), workdays: toJson(y.workdays), publishedAt: new Date(), publishedBy };
      await db.$transaction(async (tx) => {
        await tx.calendarYear.upsert({ where: { year: y.year }, create: { year: y.year, ...data }, update: data });
        await refreshSupervisionCalendar(tx);
      }, REBUILD_TIME);
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
