// The presenter: the only place a person leaves the server. It applies the classification table
// (shown, masked or withheld per role), the department rule for source records and the minors'
// rule, and says which fields it masked or withheld so the console can offer "reveal".

import { decodeGolden } from '../matching/golden-codec.js';
import type { GoldenRecord, GoldenValue, HistoryEntry } from '../matching/index.js';
import { regionName } from '../identity/region.js';
import { decodePerson, factTexts } from '../standard/person-codec.js';
import type { PersonField } from '../standard/fields.js';
import type { FieldValue, RelationRecord } from '../standard/record.js';
import type { PersonRow, PersonSearchRow, SourceRecordRow } from '../store/persons/person-reader.js';
import { minorAge, sensitiveKinds, treatmentOf, type ClassifiedField } from './classification.js';
import { maskBirthDate, maskDetail, maskIdNumber, maskName, maskPhone, maskText } from './mask.js';
import { sourceVisible, type Principal } from './policy.js';
import type { HistoryItem, PresentedRecord } from './wire-types.js';

export type { HistoryItem, PresentedRecord } from './wire-types.js';

export interface PresentedValue {
  value: string | null;
  masked: boolean;
  source: string;
  record_key: string;
  observed_at: string | null;
  rule: string;
  region_name?: string | null;
}

export interface PersonSummary {
  person_id: string;
  code_id: string | null;
  name: string | null;
  id_number: string | null;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  residence_region: string | null;
  residence_region_name: string | null;
  floating: string;
  sources: string[];
  masked: string[];
}

export interface PersonView {
  person_id: string;
  code_id: string | null;
  floating: string;
  sources: string[];
  masked: string[];
  withheld: string[];
  golden: Record<string, PresentedValue | null>;
  history: Record<'phone' | 'residence' | 'hukou' | 'employer', HistoryItem[]>;
  conflicts: { field: string; values: { value: string | null; sources: string[] }[] }[];
  relations: { type: string; role: string; other_role: string; other_person_id: string | null; other_name: string | null }[];
  records: PresentedRecord[];
  /** Source records of other departments left out for an officer. */
  records_withheld: number;
}

/** Masks one value of a classified field. */
export function maskValue(field: ClassifiedField, value: string): string {
  switch (field) {
    case 'id_number':
    case 'social_security_no':
      return maskIdNumber(value);
    case 'phone':
      return maskPhone(value);
    case 'birth_date':
      return maskBirthDate(value);
    case 'name':
      return maskName(value);
    case 'hukou_detail':
    case 'residence_detail':
      return maskDetail(value);
    default:
      return maskText(value);
  }
}

/** Whole years between a birth date and a day (both ISO). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (birthDate === null || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function isMinor(birthDate: string | null, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age !== null && age < minorAge;
}

class FieldGate {
  readonly masked = new Set<string>();
  readonly withheld = new Set<string>();
  constructor(
    private readonly principal: Principal,
    private readonly minor: boolean,
  ) {}

  apply(field: ClassifiedField, value: string | null, label: string = field): { value: string | null; masked: boolean } | undefined {
    const treatment = treatmentOf(field, this.principal.role, this.minor);
    if (treatment === 'withhold') {
      if (value !== null) this.withheld.add(label);
      return undefined;
    }
    if (value === null || treatment === 'show') return { value, masked: false };
    this.masked.add(label);
    return { value: maskValue(field, value), masked: true };
  }
}

const goldenFields: [string, ClassifiedField, (g: GoldenRecord) => GoldenValue | null][] = [
  ['name', 'name', (g) => g.name],
  ['id_number', 'id_number', (g) => g.idNumber],
  ['sex', 'sex', (g) => g.sex],
  ['birth_date', 'birth_date', (g) => g.birthDate],
  ['phone', 'phone', (g) => g.phone],
  ['hukou_region', 'hukou_region', (g) => g.hukouRegion],
  ['hukou_detail', 'hukou_detail', (g) => g.hukouDetail],
  ['residence_region', 'residence_region', (g) => g.residenceRegion],
  ['residence_detail', 'residence_detail', (g) => g.residenceDetail],
  ['employer', 'employer', (g) => g.employer],
];

const recordFieldClass: Record<PersonField, ClassifiedField> = {
  name: 'name',
  surname: 'name',
  given_name: 'name',
  id_number: 'id_number',
  id_type: 'id_type',
  sex: 'sex',
  birth_date: 'birth_date',
  ethnicity: 'ethnicity',
  phone: 'phone',
  hukou_address: 'hukou_detail',
  residence_address: 'residence_detail',
  employer_name: 'employer',
  employer_credit_code: 'employer_credit_code',
  social_security_no: 'social_security_no',
};

const historyField: Record<'phone' | 'residence' | 'hukou' | 'employer', ClassifiedField> = {
  phone: 'phone',
  residence: 'residence_detail',
  hukou: 'hukou_detail',
  employer: 'employer',
};

/** An address history value is "<region code> <detail>": the region is shown by name, the detail per class. */
function presentAddress(gate: FieldGate, field: ClassifiedField, value: string): string | null | undefined {
  const match = /^(\d{6})(?: (.*))?$/s.exec(value);
  if (match === null) return gate.apply(field, value)?.value;
  const [, code = '', detail] = match;
  const region = regionName(code) ?? code;
  if (detail === undefined || detail === '') return region;
  const shown = gate.apply(field, detail);
  return shown === undefined ? region : `${region} ${shown.value ?? ''}`;
}

export function parseGolden(row: PersonRow): GoldenRecord {
  return decodeGolden(row.golden);
}

/** A search hit or a verified code's identity. `forceMaskName`: show the name masked (code checks). */
export function presentSummary(row: PersonSearchRow, principal: Principal, codeId: string | null, today: string, forceMaskName = false): PersonSummary {
  const gate = new FieldGate(principal, isMinor(row.birth_date, today));
  const name = forceMaskName && row.name !== null ? (gate.masked.add('name'), maskName(row.name)) : (gate.apply('name', row.name)?.value ?? null);
  return {
    person_id: row.person_id,
    code_id: codeId,
    name,
    id_number: gate.apply('id_number', row.id_number)?.value ?? null,
    sex: gate.apply('sex', row.sex)?.value ?? null,
    birth_date: gate.apply('birth_date', row.birth_date)?.value ?? null,
    phone: gate.apply('phone', row.phone)?.value ?? null,
    residence_region: gate.apply('residence_region', row.residence_region)?.value ?? null,
    residence_region_name: row.residence_region === null ? null : regionName(row.residence_region),
    floating: row.floating,
    sources: row.sources === '' ? [] : row.sources.split(' '),
    masked: [...gate.masked],
  };
}

function presentValue(gate: FieldGate, field: ClassifiedField, label: string, value: GoldenValue | null): PresentedValue | null {
  if (value === null) return null;
  const shown = gate.apply(field, value.value, label);
  if (shown === undefined) return null;
  const out: PresentedValue = { value: shown.value, masked: shown.masked, source: value.provenance.source, record_key: value.provenance.recordKey, observed_at: value.provenance.observedAt, rule: value.provenance.rule };
  if (field === 'hukou_region' || field === 'residence_region') out.region_name = regionName(value.value);
  return out;
}

function parseRelations(text: string): RelationRecord[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as RelationRecord[]) : [];
  } catch {
    return [];
  }
}

export interface PersonViewInput {
  row: PersonRow;
  records: readonly SourceRecordRow[];
  codeId: string | null;
  today: string;
}

export function presentPerson(input: PersonViewInput, principal: Principal): PersonView {
  const { row, records, today } = input;
  const golden = parseGolden(row);
  const gate = new FieldGate(principal, isMinor(row.birth_date, today));
  const goldenOut: Record<string, PresentedValue | null> = {};
  for (const [label, field, pick] of goldenFields) goldenOut[label] = presentValue(gate, field, label, pick(golden));

  const visible = records.filter((r) => sourceVisible(principal, r.department));
  // Ethnicity is not survived in the golden record: the most recent record that has it.
  const decoded = new Map(visible.map((r) => {
    const self = r.persons.find((p) => p.role === r.role);
    return [r, self === undefined ? undefined : decodePerson(self.fields)] as const;
  }));
  const ethnicityRecord = [...visible].reverse().find((r) => decoded.get(r)?.fields.ethnicity?.value);
  const ethnicityValue = ethnicityRecord === undefined ? null : (decoded.get(ethnicityRecord)?.fields.ethnicity?.value ?? null);
  goldenOut.ethnicity =
    ethnicityRecord === undefined || ethnicityValue === null
      ? null
      : presentValue(gate, 'ethnicity', 'ethnicity', { value: ethnicityValue, provenance: { source: ethnicityRecord.source, recordKey: `${ethnicityRecord.source}\u0001${ethnicityRecord.recordId}\u0001${ethnicityRecord.role}`, observedAt: ethnicityRecord.observedAt, rule: 'most_recent' } });

  const history = {} as PersonView['history'];
  for (const key of ['phone', 'residence', 'hukou', 'employer'] as const) {
    const field = historyField[key];
    history[key] = golden.history[key].flatMap((h: HistoryEntry) => {
      const value = key === 'residence' || key === 'hukou' ? presentAddress(gate, field, h.value) : gate.apply(field, h.value)?.value;
      return value === undefined ? [] : [{ value, first_seen: h.firstSeen, last_seen: h.lastSeen, sources: h.sources }];
    });
  }

  const conflicts = golden.conflicts.flatMap((c) => {
    const field = c.field as ClassifiedField;
    const values = c.values.flatMap((v) => {
      const shown = gate.apply(field, v.value);
      return shown === undefined ? [] : [{ value: shown.value, sources: v.sources }];
    });
    return values.length === 0 ? [] : [{ field: c.field, values }];
  });

  const presentedRecords: PresentedRecord[] = [];
  const relations: PersonView['relations'] = [];
  for (const r of visible) {
    const person = decoded.get(r);
    const fields: Record<string, string | null> = {};
    if (person !== undefined) {
      for (const [name, v] of Object.entries(person.fields) as [PersonField, FieldValue][]) {
        const shown = gate.apply(recordFieldClass[name], v.value ?? v.raw, name);
        if (shown !== undefined) fields[name] = shown.value;
      }
    }
    const factsClass: ClassifiedField = sensitiveKinds.has(r.kind) ? 'sensitive_facts' : 'facts';
    const facts: Record<string, string> = {};
    for (const [name, value] of Object.entries(factTexts(r.facts))) {
      const shown = gate.apply(factsClass, value, `facts.${name}`);
      if (shown?.value != null) facts[name] = shown.value;
    }
    presentedRecords.push({ source: r.source, kind: r.kind, department: r.department, record_id: r.recordId, role: r.role, observed_at: r.observedAt, fields, facts });
    for (const rel of parseRelations(r.relations)) {
      const otherRole = rel.from === r.role ? rel.to : rel.to === r.role ? rel.from : null;
      if (otherRole === null) continue;
      const other = r.persons.find((p) => p.role === otherRole);
      const otherName = other?.name ?? null;
      relations.push({
        type: rel.type,
        role: r.role,
        other_role: otherRole,
        other_person_id: r.personOfRole.get(otherRole) ?? null,
        other_name: otherName === null ? null : (gate.apply('name', otherName, 'relations.name')?.value ?? null),
      });
    }
  }

  return {
    person_id: row.person_id,
    code_id: input.codeId,
    floating: row.floating,
    sources: row.sources === '' ? [] : row.sources.split(' '),
    masked: [...gate.masked],
    withheld: [...gate.withheld],
    golden: goldenOut,
    history,
    conflicts,
    relations,
    records: presentedRecords,
    records_withheld: records.length - visible.length,
  };
}

/** The unmasked value of one field, for a reveal (the caller has checked the treatment is `mask`). */
export function revealValue(row: PersonRow, records: readonly SourceRecordRow[], principal: Principal, field: string): string | null {
  const golden = parseGolden(row);
  const pick = goldenFields.find(([label]) => label === field);
  if (pick !== undefined) return pick[2](golden)?.value ?? null;
  if (field === 'ethnicity' || field === 'social_security_no') {
    for (const r of [...records].reverse()) {
      if (!sourceVisible(principal, r.department)) continue;
      const self = r.persons.find((p) => p.role === r.role);
      const v = self === undefined ? undefined : decodePerson(self.fields).fields[field]?.value;
      if (v !== undefined && v !== null) return v;
    }
  }
  return null;
}

/** Fields a reveal may name, mapped to their class. */
export const revealableFields: Record<string, ClassifiedField> = {
  name: 'name',
  id_number: 'id_number',
  birth_date: 'birth_date',
  phone: 'phone',
  hukou_detail: 'hukou_detail',
  residence_detail: 'residence_detail',
  ethnicity: 'ethnicity',
  social_security_no: 'social_security_no',
};
