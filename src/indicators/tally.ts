// Counts indicators over a stream of person rows: one pass, every definition, every period, for
// the jurisdiction and each district at once, so a million persons are never held together.
// Cells are indexed by position (period, definition, district) rather than by string keys: the
// inner loop runs persons × periods × definitions times.

import type { Formula, IndicatorDefinition } from './definition.js';
import { inPopulation, measureOf, workingDaysOf } from './evaluate.js';
import { ageClassOn, viewOf, type Period, type PersonRow, type PersonView, type RecordRow } from './person-row.js';

/** What one person adds to one definition's cell in one period. */
interface Contribution {
  numerator: number;
  denominator: number;
  days: number | null;
}

/** A median's person in its population whose span falls outside the period: adds nothing, but is worked out again in the next one. */
const medianOutside: Contribution = { numerator: 0, denominator: 0, days: null };

/** A median's person in its population: the span's working days, when the period holds its end. */
function medianAdd(f: Extract<Formula, { type: 'median_working_days' }>, view: PersonView, period: Period): Contribution {
  const days = workingDaysOf(f, view, period);
  return days === null ? medianOutside : { numerator: 0, denominator: 1, days };
}

function countUpTo(records: readonly RecordRow[], to: string): number {
  let n = 0;
  for (const r of records) if (r.date <= to) n += 1;
  return n;
}

interface Cell {
  numerator: number;
  denominator: number;
  /** Working days → persons, for medians. */
  days: Map<number, number> | null;
}

export interface SourceRun {
  source: string;
  finishedAt: string;
}

/** One computed indicator value before it is named and judged against its target. */
export interface ComputedValue {
  id: string;
  period: string;
  /** null for the whole jurisdiction. */
  district: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number;
}

const msPerDay = 86_400_000;

function median(days: Map<number, number>, n: number): number {
  const sorted = [...days.entries()].sort((a, b) => a[0] - b[0]);
  const at = (k: number): number => {
    let seen = 0;
    for (const [value, count] of sorted) {
      seen += count;
      if (k < seen) return value;
    }
    return sorted.at(-1)?.[0] ?? 0;
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** What a tally holds, as saved between refreshes (incremental.ts): plain JSON. */
export interface TallyState {
  persons: number;
  /** District codes by index (from 1), with the persons each holds. */
  districts: [string, number][];
  /** cells[period][definition][district index]: [numerator, denominator, [working days, persons][] or null]. */
  cells: ([number, number, [number, number][] | null] | null)[][][];
}

export class IndicatorTally {
  /** cells[period][definition][district index]; index 0 is the jurisdiction. */
  private readonly cells: Cell[][][];
  private readonly districtIndex = new Map<string, number>();
  /** Persons counted in each district, by index: a district left with none is not reported. */
  private readonly districtPersons: number[] = [0];
  persons = 0;

  constructor(
    private readonly definitions: readonly IndicatorDefinition[],
    private readonly periods: readonly Period[],
    state?: TallyState,
  ) {
    this.cells = periods.map(() => definitions.map(() => [this.newCell()]));
    if (state !== undefined) this.restore(state);
  }

  private restore(state: TallyState): void {
    if (state.cells.length !== this.periods.length || state.cells.some((row) => row.length !== this.definitions.length)) throw new Error('tally state of other periods or definitions');
    this.persons = state.persons;
    for (const [district, persons] of state.districts) {
      this.districtIndex.set(district, this.districtIndex.size + 1);
      this.districtPersons.push(persons);
    }
    state.cells.forEach((row, p) =>
      row.forEach((byDistrict, d) => {
        const cells = this.cells[p]![d]!;
        byDistrict.forEach((c, i) => {
          if (c !== null) cells[i] = { numerator: c[0], denominator: c[1], days: c[2] === null ? null : new Map(c[2]) };
        });
      }),
    );
  }

  /** Everything counted so far, to carry on from in a later refresh. */
  state(): TallyState {
    return {
      persons: this.persons,
      districts: [...this.districtIndex.keys()].map((d, i) => [d, this.districtPersons[i + 1]!]),
      cells: this.cells.map((row) => row.map((byDistrict) => Array.from(byDistrict, (c) => (c === undefined ? null : [c.numerator, c.denominator, c.days === null ? null : [...c.days]])))),
    };
  }

  private newCell(): Cell {
    return { numerator: 0, denominator: 0, days: null };
  }

  private cellsOf(p: number, d: number, district: number): [Cell, Cell | null] {
    const row = this.cells[p]![d]!;
    if (district === 0) return [row[0]!, null];
    let cell = row[district];
    if (cell === undefined) {
      cell = this.newCell();
      row[district] = cell;
    }
    return [row[0]!, cell];
  }

  /** Counts a person; `sign` -1 takes away what the same row added before (an incremental refresh). */
  add(row: PersonRow, sign: 1 | -1 = 1): void {
    this.persons += sign;
    let district = 0;
    if (row.district !== null) {
      district = this.districtIndex.get(row.district) ?? 0;
      if (district === 0) {
        district = this.districtIndex.size + 1;
        this.districtIndex.set(row.district, district);
        this.districtPersons.push(0);
      }
      this.districtPersons[district]! += sign;
    }
    this.sign = sign;
    // Most persons' records all predate the trend's month ends, so most periods see the same
    // records: a period whose records and age class are those of the period before adds what that
    // one added (medians excepted: their span is bounded by the period), without a new view.
    let last: { count: number; age: 'child' | 'adult' | null; view: PersonView; adds: (Contribution | null)[] } | null = null;
    for (let p = 0; p < this.periods.length; p++) {
      const period = this.periods[p]!;
      const count = period.to === null ? row.records.length : countUpTo(row.records, period.to);
      if (last !== null && period.from === null && count === last.count && ageClassOn(row.birthDate, period.asOf) === last.age) {
        this.apply(p, district, this.reused(last.adds, last.view, period));
        continue;
      }
      const view = viewOf(row, period);
      if (view === null) {
        last = null;
        continue;
      }
      const adds = this.contributions(view, period);
      this.apply(p, district, adds);
      last = period.from === null ? { count, age: ageClassOn(row.birthDate, period.asOf), view, adds } : null;
    }
  }

  /** What a person's view adds to each definition's cell (null: not counted). */
  private contributions(view: PersonView, period: Period): (Contribution | null)[] {
    return this.definitions.map((definition) => {
      const f = definition.formula;
      if (f.type === 'max_source_age_days') return null;
      if (f.type === 'ratio') {
        if (!inPopulation(f.denominator, view)) return null;
        return { numerator: inPopulation(f.numerator, view) ? 1 : 0, denominator: 1, days: null };
      }
      if (f.type === 'sum_ratio') {
        if (!inPopulation(f.population, view)) return null;
        return { numerator: measureOf(f.numerator, view), denominator: measureOf(f.denominator, view), days: null };
      }
      return inPopulation(f.population, view) ? medianAdd(f, view, period) : null;
    });
  }

  /** The contributions of an equal view in another period: medians are worked out again for it. */
  private reused(adds: readonly (Contribution | null)[], view: PersonView, period: Period): (Contribution | null)[] {
    return adds.map((add, d) => {
      const f = this.definitions[d]!.formula;
      return add === null || f.type !== 'median_working_days' ? add : medianAdd(f, view, period);
    });
  }

  /** The sign of the row being counted (see `add`). */
  private sign: 1 | -1 = 1;

  private apply(p: number, district: number, adds: readonly (Contribution | null)[]): void {
    const sign = this.sign;
    for (let d = 0; d < adds.length; d++) {
      const add = adds[d];
      if (add === null || add === undefined || add === medianOutside) continue;
      for (const cell of this.cellsOf(p, d, district)) {
        if (cell === null) continue;
        cell.numerator += sign * add.numerator;
        cell.denominator += sign * add.denominator;
        if (add.days !== null) {
          cell.days ??= new Map();
          const persons = (cell.days.get(add.days) ?? 0) + sign;
          if (persons === 0) cell.days.delete(add.days);
          else cell.days.set(add.days, persons);
        }
      }
    }
  }

  /** Every definition × period × (jurisdiction and each district seen), in definition order. */
  results(runs: readonly SourceRun[]): ComputedValue[] {
    const districts = [...this.districtIndex.entries()].filter(([, i]) => this.districtPersons[i]! > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const out: ComputedValue[] = [];
    for (let p = 0; p < this.periods.length; p++) {
      const period = this.periods[p]!;
      for (let d = 0; d < this.definitions.length; d++) {
        const definition = this.definitions[d]!;
        const targets: [string | null, number][] = [[null, 0], ...districts];
        for (const [district, index] of targets) {
          const base = { id: definition.id, period: period.key, district };
          if (definition.formula.type === 'max_source_age_days') {
            // Sources feed the whole jurisdiction: every district shows the city's figure.
            out.push({ ...base, ...freshness(runs, period.asOfInstant) });
            continue;
          }
          const cell = this.cells[p]![d]![index] ?? this.newCell();
          out.push({ ...base, ...valueOf(definition, cell) });
        }
      }
    }
    return out;
  }
}

function valueOf(definition: IndicatorDefinition, cell: Cell): Pick<ComputedValue, 'value' | 'numerator' | 'denominator'> {
  if (definition.formula.type === 'median_working_days') {
    const n = cell.denominator;
    return { value: n === 0 || cell.days === null ? null : median(cell.days, n), numerator: null, denominator: n };
  }
  return { value: cell.denominator === 0 ? null : cell.numerator / cell.denominator, numerator: cell.numerator, denominator: cell.denominator };
}

/** Days since each source's last completed ingest at `instant`; the largest, over the sources then known. */
export function freshness(runs: readonly SourceRun[], instant: string): Pick<ComputedValue, 'value' | 'numerator' | 'denominator'> {
  const last = new Map<string, string>();
  for (const r of runs) {
    if (r.finishedAt > instant) continue;
    const seen = last.get(r.source);
    if (seen === undefined || r.finishedAt > seen) last.set(r.source, r.finishedAt);
  }
  if (last.size === 0) return { value: null, numerator: null, denominator: 0 };
  const at = Date.parse(instant);
  let oldest = 0;
  for (const finished of last.values()) oldest = Math.max(oldest, (at - Date.parse(finished)) / msPerDay);
  return { value: oldest, numerator: null, denominator: last.size };
}
