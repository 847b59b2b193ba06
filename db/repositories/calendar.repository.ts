import type { Db } from '../client';
import { fromJson, toJson } from '../json';
import type { PublishedYear } from '../../domain/calendar';

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
    /** Withdraws a published year: it falls back to the bundled data, or to provisional. */
    async unpublish(year: number): Promise<boolean> {
      const r = await db.calendarYear.deleteMany({ where: { year } });
      return r.count > 0;
    },
    async publish(y: PublishedYear, publishedBy: string): Promise<void> {
      const data = { holidays: toJson(y.holidays), workdays: toJson(y.workdays), publishedAt: new Date(), publishedBy };
      await db.calendarYear.upsert({ where: { year: y.year }, create: { year: y.year, ...data }, update: data });
    },
  };
}
export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
