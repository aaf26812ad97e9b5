// The per-person fact table the indicators are computed over: one compact row per golden record
// with only what the definitions can ask about, and the view of that row for one period (the
// records seen by then, the latest value of each fact, the age on the period's date). Pure.

import type { PersonFlag } from './definition.js';

export interface RecordRow {
  source: string;
  kind: string;
  /** The record's observed date, else the date it was ingested (YYYY-MM-DD). */
  date: string;
  /** Facts the definitions use, standard value (else raw) by name. */
  facts: Readonly<Record<string, string>>;
  hasEmployer: boolean;
  /** Counted once per record: 0 unless this person holds the record's first linked role. */
  valuesTotal: number;
  valuesStandard: number;
}

export interface PersonRow {
  personId: string;
  /** County-level GB/T 2260 code of the residence, when it lies in the jurisdiction; else null. */
  district: string | null;
  /** Hukou outside the jurisdiction (the golden record's floating status). */
  hukouOutside: boolean;
  hasGolden: boolean;
  hasServiceCode: boolean;
  identityConsistent: boolean;
  openConflicts: number;
  birthDate: string | null;
  records: RecordRow[];
}

/** What a period asks: records dated up to `to` are known; a person counts when one is dated in [from, to]. */
export interface Period {
  key: string;
  from: string | null;
  to: string | null;
  /** The date ages are taken at. */
  asOf: string;
  /** The instant source freshness is measured at. */
  asOfInstant: string;
}

/**
 * Kinds that show a person lives, works or studies here (kpis.md "floating"), as matching's
 * unregistered list reads them, plus the residence registration itself: registering where one
 * lives is evidence of living there.
 */
export const evidenceKinds: ReadonlySet<string> = new Set([
  'residence_registration', 'housing', 'grid_collection', 'access_control', 'health', 'labor_contract', 'social_insurance', 'market', 'education',
]);

export interface PersonView {
  row: PersonRow;
  records: RecordRow[];
  kinds: Set<string>;
  sources: Set<string>;
  /** Latest value per fact name (by record date; a later record wins a tie). */
  facts: Map<string, string>;
  floating: boolean;
  isChild: boolean;
  isAdult: boolean;
  flags: Record<PersonFlag, boolean>;
}

/** Whole years between a birth date and a date, both YYYY-MM-DD; null when birth is unknown or later. */
export function ageOn(birthDate: string | null, on: string): number | null {
  if (birthDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || birthDate > on) return null;
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Child (under 18), adult, or neither when the birth date is unknown or later: what a view's age conditions read. */
export function ageClassOn(birthDate: string | null, on: string): 'child' | 'adult' | null {
  const age = ageOn(birthDate, on);
  return age === null ? null : age < 18 ? 'child' : 'adult';
}

/** The row as seen in `period`, or null when the person has no record dated in it. */
export function viewOf(row: PersonRow, period: Period): PersonView | null {
  const records = period.to === null ? row.records : row.records.filter((r) => r.date <= period.to!);
  if (records.length === 0) return null;
  if (period.from !== null && !records.some((r) => r.date >= period.from!)) return null;
  const kinds = new Set<string>();
  const sources = new Set<string>();
  const facts = new Map<string, string>();
  const factDates = new Map<string, string>();
  let hasEmployer = false;
  for (const r of records) {
    kinds.add(r.kind);
    sources.add(r.source);
    if (r.hasEmployer) hasEmployer = true;
    for (const [name, value] of Object.entries(r.facts)) {
      const seen = factDates.get(name);
      if (seen === undefined || r.date >= seen) {
        facts.set(name, value);
        factDates.set(name, r.date);
      }
    }
  }
  let evidence = false;
  for (const kind of kinds) if (evidenceKinds.has(kind)) evidence = true;
  const age = ageClassOn(row.birthDate, period.asOf);
  return {
    row,
    records,
    kinds,
    sources,
    facts,
    floating: row.hukouOutside && evidence,
    isChild: age === 'child',
    isAdult: age === 'adult',
    flags: {
      has_golden: row.hasGolden,
      has_service_code: row.hasServiceCode,
      identity_consistent: row.identityConsistent,
      open_conflict: row.openConflicts > 0,
      has_employer: hasEmployer,
    },
  };
}
