// Febrl benchmark files → MatchInputs, the way an ingest mapping would present them:
// - name: given_name + surname as a latin name, with the split fields kept (a roster that splits names);
// - residence address: street_number address_1 address_2 suburb postcode state as detail text
//   (Australian addresses carry no GB/T 2260 code, so only the detail levels apply);
// - birth date: date_of_birth YYYYMMDD through the standard date normaliser (a corrupted date that
//   is not a real day is left out of matching, as the data standard says);
// - soc_sec_id as id_number with id_type 'passport': a 7-digit national number has none of the
//   structure of a resident id (no checksum, region or birth date), so it is compared by equality
//   and one-edit levels only and never drives the deterministic resident-id pass.
// The truth is the <n> of rec-<n>-org / rec-<n>-dup-<k>.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { normalizeDate, normalizeName } from '../../src/identity/index.js';
import type { FieldValue, PersonRecord } from '../../src/standard/record.js';
import type { PersonField } from '../../src/standard/fields.js';
import { matchKey, type MatchInput } from '../../src/matching/index.js';

export interface FebrlRecord {
  input: MatchInput;
  recId: string;
  /** The true person: the <n> of rec-<n>-.... */
  entity: string;
  ssn: string;
}

function field(raw: string, value: string | null = raw): FieldValue {
  return { raw, value, ok: value !== null };
}

function person(row: Record<string, string>): PersonRecord {
  const given = row.given_name ?? '';
  const surname = row.surname ?? '';
  const fields: Partial<Record<PersonField, FieldValue>> = {};
  const composed = `${given} ${surname}`.trim();
  const name = composed === '' ? null : normalizeName(composed);
  if (name !== null) fields.name = field(composed, name.value);
  if (given !== '') fields.given_name = field(given);
  if (surname !== '') fields.surname = field(surname);
  const dob = row.date_of_birth ?? '';
  const birth = dob === '' ? null : normalizeDate(dob);
  if (birth !== null) fields.birth_date = field(dob, birth.ok ? birth.value : null);
  const ssn = row.soc_sec_id ?? '';
  if (ssn !== '') fields.id_number = field(ssn);
  fields.id_type = field('passport');
  const address = ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state']
    .map((c) => row[c] ?? '')
    .filter((v) => v !== '')
    .join(' ');
  if (address !== '') fields.residence_address = field(address);
  return {
    role: 'subject',
    fields,
    name: name?.value ?? null,
    namePinyin: name?.pinyin ?? [],
    idNumber: ssn === '' ? null : ssn,
    idType: 'passport',
    idValid: false,
    sex: null,
    birthDate: birth?.ok === true ? birth.value : null,
    phone: null,
    hukouRegion: null,
    hukouDetail: null,
    residenceRegion: null,
    residenceDetail: address === '' ? null : address,
    employer: null,
    employerCreditCode: null,
  };
}

/** Reads one Febrl CSV as one source. */
export function readFebrl(path: string, source: string): FebrlRecord[] {
  const rows = parse<Record<string, string>>(readFileSync(path, 'utf8'), { columns: true, trim: true, skip_empty_lines: true });
  return rows.map((row) => {
    const recId = row.rec_id ?? '';
    const entity = /^rec-(\d+)-/.exec(recId)?.[1] ?? recId;
    return {
      input: { key: matchKey(source, recId, 'subject'), source, kind: 'civil_affairs', observedAt: null, person: person(row), related: [] },
      recId,
      entity,
      ssn: row.soc_sec_id ?? '',
    };
  });
}
