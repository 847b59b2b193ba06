import type { PublishedYear, SpecialDay, YearSchedule } from './types';

/**
 * The schedule of a published year. It replaces the bundled data for the
 * whole year, so the year's days off and adjusted workdays come only from here.
 */
export function publishedSchedule(published: PublishedYear): YearSchedule {
  const days = new Map<string, SpecialDay>();
  for (const { date, name } of published.holidays) days.set(date, { kind: 'holiday', name });
  for (const { date, name } of published.workdays) days.set(date, { kind: 'adjusted-workday', name });
  return { source: 'published', special: (date) => days.get(date) };
}
