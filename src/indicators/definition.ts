// The shape of an indicator definition (指标定义): plain JSON, so the built-in indicators of
// spec/kpis.md and a city's own ones are the same kind of data and go through one evaluator.
// The vocabulary is closed on purpose: every term below is something the per-person fact table
// (person-row.ts) can answer, so a definition that validates can always be computed.

export type Unit = 'rate' | 'days';

/** `none`: the plan sets no target (a baseline is shown instead, or nothing). */
export type TargetOp = '>=' | '<=' | 'none';

export interface Target {
  op: TargetOp;
  /** A fraction for rates (0.98), days for durations; null when op is `none`. */
  value: number | null;
}

export type Direction = 'up' | 'down';

/** Yes/no properties of a person, each computed once by the loader. */
export const personFlags = [
  /** A golden record exists (一人一档). */
  'has_golden',
  /** A service code (一人一码) can be issued: the golden record holds a valid GB 11643 number. */
  'has_service_code',
  /** The id number is valid and every recorded birth date and sex agree with it. */
  'identity_consistent',
  /** An open conflict on name, id number, birth date or sex. */
  'open_conflict',
  /** A record in scope names an employer (employer_name mapped and not empty). */
  'has_employer',
] as const;
export type PersonFlag = (typeof personFlags)[number];

export type Condition =
  | { has_kind: string }
  | { fact: string; equals: string }
  | { flag: PersonFlag }
  | { age: 'child' | 'adult' }
  | { min_sources: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/**
 * `floating`: hukou outside the jurisdiction and evidence of living, working or studying in it
 * (kpis.md); `all`: every person with a golden record.
 */
export type PopulationName = 'all' | 'floating';

export interface Population {
  population: PopulationName;
  /** All must hold. */
  where: Condition[];
}

/** Per-person sums for record-level indicators. */
export const measures = ['values_standard', 'values_total', 'records', 'records_beyond_first'] as const;
export type Measure = (typeof measures)[number];

/** Where a duration starts: a fact of the record that ends it, or the first evidence record. */
export type StartRef = { fact: string } | { first_evidence: true };

export type Formula =
  /** Persons in both numerator and denominator / persons in the denominator. */
  | { type: 'ratio'; numerator: Population; denominator: Population }
  /** Sum of one measure / sum of another, over the persons of a population. */
  | { type: 'sum_ratio'; population: Population; numerator: Measure; denominator: Measure }
  /**
   * Median working days (calendar with 调休) from `start` (the first reference that gives a date)
   * to the earliest `end.fact` among the person's records of `end.kind`.
   */
  | { type: 'median_working_days'; population: Population; end: { kind: string; fact: string }; start: StartRef[] }
  /** Per source, days since its last completed ingest; the largest. */
  | { type: 'max_source_age_days' };

export interface IndicatorDefinition {
  /** snake_case, unique; the ids of kpis.md are reserved for the built-ins. */
  id: string;
  name_zh: string;
  name_en: string;
  unit: Unit;
  target: Target;
  direction: Direction;
  /** The plan's starting point where it sets no target (duplicate_rate 35%). */
  baseline?: number;
  formula: Formula;
}
