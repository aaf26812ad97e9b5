// One source while a city is being written: its file writer, its record counter, its error rates,
// and the EmitContext the source's definition writes a household through. Every row it writes
// also goes to the truth and to the per-person tally of what the departments have seen.

import type { Household, Person } from './people.js';
import type { Plan } from './plan.js';
import { Presenter } from './present.js';
import type { Rng } from './random.js';
import { type Hardness, type NoiseRates, scaleNoise } from './rates.js';
import type { BuiltRow, EmitContext, Evidence, SourceDef } from './source.js';
import type { Seen, TruthWriter } from './truth.js';
import type { TableWriter } from './writers.js';

export class SourceRun implements EmitContext {
  household!: Household;
  plans!: ReadonlyMap<Person, Plan>;
  seen!: Map<Person, Seen>;
  private counter = 0;
  private checkedColumns = false;
  readonly noise: NoiseRates;

  constructor(
    readonly def: SourceDef,
    readonly writer: TableWriter,
    readonly rng: Rng,
    private readonly truth: TruthWriter,
    hardness: Hardness,
  ) {
    this.noise = scaleNoise(def.noise, hardness);
  }

  get rows(): number {
    return this.writer.rows;
  }

  present(): Presenter {
    return new Presenter(this.rng, this.noise);
  }

  emit(build: (recordId: string, copy: number) => BuiltRow): void {
    this.write(build(this.def.recordId(++this.counter), 0), false);
    if (this.rng.chance(this.noise.duplicate)) this.write(build(this.def.recordId(++this.counter), 1), true);
  }

  private write(built: BuiltRow, duplicate: boolean): void {
    const { row, links } = built;
    if (!this.checkedColumns) {
      // A column the definition fills but does not declare would silently vanish from the file.
      const unknown = Object.keys(row).filter((k) => !this.def.columns.includes(k));
      if (unknown.length > 0) throw new Error(`${this.def.source}: undeclared columns ${unknown.join(', ')}`);
      this.checkedColumns = true;
    }
    this.writer.write(this.def.columns.map((c) => row[c] ?? null));
    const recordId = String(row[this.def.mapping.record_id]);
    for (const link of links) {
      const noise = duplicate ? [...link.present.tags, 'duplicate'] : link.present.tags;
      const identifiable = link.present.identifiable;
      this.truth.link({ source: this.def.source, recordId, role: link.role, person: link.person.key, noise, identifiable });
      if (!identifiable) continue;
      let seen = this.seen.get(link.person);
      if (!seen) {
        seen = { kinds: new Set(), evidence: new Set(), rows: 0 };
        this.seen.set(link.person, seen);
      }
      seen.rows++;
      seen.kinds.add(this.def.kind);
      // A guardian on a school record lives here; the child studies here.
      const evidence: Evidence | null = link.role === 'guardian' ? 'living' : this.def.evidence;
      if (evidence) seen.evidence.add(evidence);
    }
  }
}
