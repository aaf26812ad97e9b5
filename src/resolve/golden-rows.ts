// Turns a golden record into the rows the store keeps: the person (searchable columns plus the
// whole record in its stored form, with provenance: golden-codec.ts) and one row per conflicting field.

import { nameComparableKey } from '../identity/index.js';
import { encodeGolden, unregisteredEvidence, type GoldenRecord } from '../matching/index.js';
import type { PersonConflictsTable, PersonsTable } from '../store/resolution/tables.js';

export function personRow(golden: GoldenRecord, recordCount: number, at: string): PersonsTable {
  const name = golden.name?.value ?? null;
  return {
    person_id: golden.personId,
    name,
    name_key: name === null ? null : nameComparableKey(name),
    id_number: golden.idNumber?.value ?? null,
    sex: golden.sex?.value ?? null,
    birth_date: golden.birthDate?.value ?? null,
    phone: golden.phone?.value ?? null,
    hukou_region: golden.hukouRegion?.value ?? golden.floating.hukouRegion,
    residence_region: golden.residenceRegion?.value ?? null,
    floating: golden.floating.status,
    registered: golden.kinds.includes('residence_registration') ? 1 : 0,
    evidence: unregisteredEvidence(golden)?.join(' ') ?? null,
    sources: golden.sources.join(' '),
    record_count: recordCount,
    conflict_count: golden.conflicts.length,
    golden: encodeGolden(golden),
    updated_at: at,
  };
}

export function conflictRows(golden: GoldenRecord): PersonConflictsTable[] {
  return golden.conflicts.map((c) => ({
    person_id: golden.personId,
    field: c.field,
    values: JSON.stringify(c.values.map((v) => v.value)),
    sources: JSON.stringify(c.values.map((v) => v.sources)),
  }));
}
