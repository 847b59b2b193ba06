/**
 * Deadlines planned ahead. With each projection batch a case asks for the
 * rules its next tasks and grants may need, counted from the batch's instant;
 * a deadline depends only on the Shanghai day it counts from (the receipt day
 * never counts, PROCEDURES §2), so a task opened later that same day takes its
 * plan from here instead of a `planDeadline` round trip of its own. Every
 * plan still comes from an activity over the calendar; a published calendar
 * clears them (its signal re-plans what is open).
 */
import type { AheadRule, DayPlans, PlanAheadRequest, PlannedDeadline } from '../../domain/cases/projection';
import type { ClockRule } from './types';

export interface DeadlinePlans {
  /**
   * What to plan with the next batch, and where its answer goes; undefined for
   * cases that plan each deadline on their own (started before this).
   */
  ask(at: string): { request: PlanAheadRequest; accept(p: DayPlans | undefined): void } | undefined;
  /** The plan for a rule counted from an instant, if one was made for that Shanghai day. */
  lookup(rule: ClockRule): PlannedDeadline | undefined;
  /** A calendar was published: every plan goes, and so does any answer to a request sent before. */
  clear(): void;
}

/** China keeps one offset all year (no daylight saving): the Shanghai day of an instant is plain arithmetic. */
const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const keyOf = (r: { workingDays?: number; naturalDays?: number }) => (r.workingDays !== undefined ? `w${r.workingDays}` : `n${r.naturalDays}`);

export function createDeadlinePlans(o: { enabled: boolean; rules: () => AheadRule[] }): DeadlinePlans {
  let day: string | null = null;
  let plans = new Map<string, PlannedDeadline>();
  let generation = 0; // bumped by clear(): a batch in flight may have read the calendar before it was published
  return {
    ask(at) {
      if (!o.enabled) return undefined;
      const rules = [...new Map(o.rules().map((r) => [keyOf(r), r])).values()];
      if (!rules.length) return undefined;
      const asked = generation;
      return {
        request: { from: at, rules },
        accept(p) {
          if (!p || asked !== generation) return;
          day = shanghaiDay(p.from);
          plans = new Map(p.plans.map((x) => [keyOf(x.rule), x.planned]));
        },
      };
    },
    lookup(rule) {
      if (!o.enabled || rule.until !== undefined || day === null || shanghaiDay(rule.from) !== day) return undefined;
      const p = plans.get(keyOf(rule));
      return p && { ...p, yearsConsulted: [...p.yearsConsulted] };
    },
    clear() {
      generation++;
      day = null;
      plans = new Map();
    },
  };
}
