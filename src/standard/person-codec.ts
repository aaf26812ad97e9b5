// A compact, lossless text form of a normalised person for storage. Most derived values equal a
// field's standard value and are rebuilt on decoding rather than stored twice, and a raw value is
// only written when it differs from the standard one: about half the bytes of plain JSON, which
// is most of what ingest writes.

import type { IdType, PersonField } from './fields.js';
import type { FieldValue, PersonRecord } from './record.js';

/** [raw (0 when equal to value), value, ok (1/0), issue?] */
type PackedField = [string | 0, string | null, 0 | 1] | [string | 0, string | null, 0 | 1, string];

interface Packed {
  r: string;
  f: Partial<Record<PersonField, PackedField>>;
  /** Pinyin syllables, space-joined. */
  p?: string;
  /** Id type when not resident_id. */
  t?: IdType;
  /** Hukou and residence: [region, detail]. */
  h?: [string | null, string | null];
  s?: [string | null, string | null];
}

export function encodePerson(person: PersonRecord): string {
  const f: Packed['f'] = {};
  for (const key in person.fields) {
    const name = key as PersonField;
    const v = person.fields[name];
    if (v === undefined) continue;
    const raw = v.raw === v.value ? 0 : v.raw;
    f[name] = v.issue === undefined ? [raw, v.value, v.ok ? 1 : 0] : [raw, v.value, v.ok ? 1 : 0, v.issue];
  }
  const packed: Packed = { r: person.role, f };
  if (person.namePinyin.length > 0) packed.p = person.namePinyin.join(' ');
  if (person.idType !== 'resident_id') packed.t = person.idType;
  if (person.hukouRegion !== null || person.hukouDetail !== null) packed.h = [person.hukouRegion, person.hukouDetail];
  if (person.residenceRegion !== null || person.residenceDetail !== null) packed.s = [person.residenceRegion, person.residenceDetail];
  return JSON.stringify(packed);
}

function unpackField(p: PackedField): FieldValue {
  const value: FieldValue = { raw: p[0] === 0 ? (p[1] ?? '') : p[0], value: p[1], ok: p[2] === 1 };
  if (p.length === 4) value.issue = p[3];
  return value;
}

export function decodePerson(text: string): PersonRecord {
  const packed = JSON.parse(text) as Packed;
  const fields: Partial<Record<PersonField, FieldValue>> = {};
  for (const [name, p] of Object.entries(packed.f) as [PersonField, PackedField][]) fields[name] = unpackField(p);
  const okValue = (field: PersonField): string | null => (fields[field]?.ok === true ? (fields[field]?.value ?? null) : null);
  const idType = packed.t ?? 'resident_id';
  return {
    role: packed.r,
    fields,
    name: okValue('name'),
    namePinyin: packed.p === undefined ? [] : packed.p.split(' '),
    idNumber: fields.id_number?.value ?? null,
    idType,
    idValid: idType === 'resident_id' && fields.id_number?.ok === true,
    sex: (fields.sex?.value as 'M' | 'F' | null | undefined) ?? null,
    birthDate: fields.birth_date?.value ?? null,
    phone: okValue('phone'),
    hukouRegion: packed.h?.[0] ?? null,
    hukouDetail: packed.h?.[1] ?? null,
    residenceRegion: packed.s?.[0] ?? null,
    residenceDetail: packed.s?.[1] ?? null,
    employer: fields.employer_name?.value ?? null,
    employerCreditCode: okValue('employer_credit_code'),
  };
}
