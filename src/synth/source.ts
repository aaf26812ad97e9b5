// The shape of one synthetic department source: its file (format, encoding, columns), its
// mapping in the data standard's format (spec/data-standard.md §2), and how it writes a household.

import type { Household, Person } from './people.js';
import type { Plan } from './plan.js';
import type { Presenter } from './present.js';
import type { Rng } from './random.js';
import type { NoiseRates } from './rates.js';

export const sourceKinds = [
  'residence_registration', 'social_insurance', 'labor_contract', 'health', 'education', 'housing',
  'medical_insurance', 'civil_affairs', 'market', 'grid_collection', 'legal_aid', 'access_control',
] as const;
export type SourceKind = (typeof sourceKinds)[number];

export const standardFields = [
  'name', 'surname', 'given_name', 'id_number', 'id_type', 'sex', 'birth_date', 'ethnicity', 'phone',
  'hukou_address', 'residence_address', 'employer_name', 'employer_credit_code', 'social_security_no',
] as const;
export type StandardField = (typeof standardFields)[number];

export type RoleMapping = Partial<Record<StandardField, string | string[]>>;

/** A source mapping file, exactly as the data standard defines it. */
export interface SourceMapping {
  source: string;
  kind: SourceKind;
  department: string;
  encoding: 'utf-8' | 'gb18030';
  sheet?: string;
  record_id: string;
  observed_at?: string;
  roles: Record<string, RoleMapping>;
  relations: { type: string; from: string; to: string }[];
  facts: Record<string, string>;
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** What a person's appearance in a source tells about them (kpis.md: living/working/studying). */
export type Evidence = 'living' | 'working' | 'studying';

export interface RoleLink {
  readonly role: string;
  readonly person: Person;
  readonly present: Presenter;
}

export interface BuiltRow {
  readonly row: Row;
  readonly links: readonly RoleLink[];
}

export interface EmitContext {
  readonly rng: Rng;
  readonly household: Household;
  readonly plans: ReadonlyMap<Person, Plan>;
  /** A presenter applying this source's error rates to one role of one row. */
  present(): Presenter;
  /**
   * Writes the row `build` makes. With the source's duplicate rate, builds it a second time under
   * a new record id (the same person registered twice); `copy` is 1 for that second row.
   */
  emit(build: (recordId: string, copy: number) => BuiltRow): void;
}

export interface SourceDef {
  readonly source: string;
  readonly kind: SourceKind;
  readonly department: string;
  readonly format: 'csv' | 'xlsx' | 'jsonl';
  readonly encoding: 'utf-8' | 'gb18030';
  /** CSV only: a UTF-8 byte-order mark (Excel's habit) and the line ending. */
  readonly bom?: boolean;
  readonly eol?: '\n' | '\r\n';
  readonly sheet?: string;
  readonly columns: readonly string[];
  readonly mapping: Pick<SourceMapping, 'record_id' | 'observed_at' | 'roles' | 'relations' | 'facts'>;
  readonly evidence: Evidence | null;
  readonly noise: Partial<NoiseRates>;
  recordId(n: number): string;
  emit(ctx: EmitContext): void;
}

export function fileName(def: SourceDef): string {
  return `${def.source}.${def.format}`;
}

export function mappingOf(def: SourceDef): SourceMapping {
  return {
    source: def.source,
    kind: def.kind,
    department: def.department,
    encoding: def.encoding,
    ...(def.sheet ? { sheet: def.sheet } : {}),
    ...def.mapping,
  };
}
