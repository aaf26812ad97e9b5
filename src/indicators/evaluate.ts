// The pure evaluator: whether a person's view satisfies a condition or a population, a person's
// share of a record measure, and the working days a registration took. No I/O, no clock.

import { isAppError } from '../errors.js';
import { workingDaysBetween } from '../services/calendar/index.js';
import type { Condition, Formula, IndicatorDefinition, Measure, Population, StartRef } from './definition.js';
import { beijingDay } from './periods.js';
import { evidenceKinds, type Period, type PersonView, type RecordRow } from './person-row.js';

export function matchesCondition(c: Condition, v: PersonView): boolean {
  if ('has_kind' in c) return v.kinds.has(c.has_kind);
  if ('fact' in c) return v.facts.get(c.fact) === c.equals;
  if ('flag' in c) return v.flags[c.flag];
  if ('age' in c) return c.age === 'child' ? v.isChild : v.isAdult;
  if ('min_sources' in c) return v.sources.size >= c.min_sources;
  if ('all' in c) return c.all.every((x) => matchesCondition(x, v));
  if ('any' in c) return c.any.some((x) => matchesCondition(x, v));
  return !matchesCondition(c.not, v);
}

export function inPopulation(p: Population, v: PersonView): boolean {
  if (p.population === 'floating' && !v.floating) return false;
  for (const c of p.where) if (!matchesCondition(c, v)) return false;
  return true;
}

export function measureOf(m: Measure, v: PersonView): number {
  switch (m) {
    case 'records':
      return v.records.length;
    case 'records_beyond_first':
      return v.records.length - 1;
    case 'values_total':
      return v.records.reduce((n, r) => n + r.valuesTotal, 0);
    case 'values_standard':
      return v.records.reduce((n, r) => n + r.valuesStandard, 0);
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A date fact's day: a standard date as it is, a date-time (stored in UTC) as a Beijing day. */
function dayOf(value: string | undefined): string | null {
  if (value === undefined || !isoDate.test(value.slice(0, 10))) return null;
  const day = beijingDay(value);
  return day === '' ? null : day;
}

function startOf(refs: readonly StartRef[], end: RecordRow, v: PersonView): string | null {
  for (const ref of refs) {
    if ('fact' in ref) {
      const day = dayOf(end.facts[ref.fact]);
      if (day !== null) return day;
      continue;
    }
    // The first record other than the one that ends the span, among those that show residence.
    let first: string | null = null;
    for (const r of v.records) if (r !== end && evidenceKinds.has(r.kind) && r.kind !== end.kind && (first === null || r.date < first)) first = r.date;
    if (first !== null) return first;
  }
  return null;
}

/**
 * Working days from start to end for one person, or null when there is nothing to measure: no end
 * record in the period, no start date, or a date the holiday data does not cover (never guessed).
 */
export function workingDaysOf(f: Extract<Formula, { type: 'median_working_days' }>, v: PersonView, period: Pick<Period, 'from' | 'to'>): number | null {
  let end: RecordRow | null = null;
  let endDay: string | null = null;
  for (const r of v.records) {
    if (r.kind !== f.end.kind) continue;
    const day = dayOf(r.facts[f.end.fact]);
    if (day !== null && (endDay === null || day < endDay)) {
      end = r;
      endDay = day;
    }
  }
  if (end === null || endDay === null) return null;
  if ((period.from !== null && endDay < period.from) || (period.to !== null && endDay > period.to)) return null;
  const start = startOf(f.start, end, v);
  if (start === null) return null;
  try {
    return workingDaysBetween(start, endDay);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** Facts a set of definitions reads: the loader fetches facts only from sources that map one. */
export function factsUsed(definitions: readonly IndicatorDefinition[]): Set<string> {
  const out = new Set<string>();
  const visit = (c: Condition): void => {
    if ('fact' in c) out.add(c.fact);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
  };
  const population = (p: Population): void => p.where.forEach(visit);
  for (const { formula: f } of definitions) {
    if (f.type === 'ratio') {
      population(f.numerator);
      population(f.denominator);
    } else if (f.type === 'sum_ratio') population(f.population);
    else if (f.type === 'median_working_days') {
      population(f.population);
      out.add(f.end.fact);
      for (const s of f.start) if ('fact' in s) out.add(s.fact);
    }
  }
  return out;
}
