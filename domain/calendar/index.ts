/**
 * Working-day calendar for the Measures' time limits (Asia/Shanghai,
 * State Council schedule with adjusted working weekends).
 */
export type {
  DayInfo,
  DayKind,
  DeadlineResult,
  NamedDate,
  PublishedYear,
  WorkingDayCalendar,
  YearSource,
} from './types';
export { createCalendarMemo, createWorkingDayCalendar, MAX_NATURAL_DAYS, MAX_WORKING_DAYS } from './working-day-calendar';
export {
  MAX_PUBLISHED_YEAR,
  MIN_PUBLISHED_YEAR,
  parsePublishedYear,
  publishedYearSchema,
  publishedYearSchemaFor,
  type PublishedYearBody,
} from './published-year.schema';
export { formatShanghai, toShanghaiDate } from './shanghai-time';
export { createCountdowns, trafficLight, YELLOW_WITHIN_WORKING_DAYS, type Countdown, type CountdownInput, type TrafficLight } from './traffic-light';
export { SPRING_FESTIVAL_DAY_ONE } from './spring-festival-dates';
