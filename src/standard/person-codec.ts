// A compact, lossless text form of a normalised person, and of a row's facts, for storage. Most
// derived values equal a field's standard value and are rebuilt on decoding rather than stored
// twice, and a raw value is only written when it differs from the standard one: about half the
// bytes of plain JSON, which is most of what ingest writes.

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

function packField(v: FieldValue): PackedField {
  const raw = v.raw === v.value ? 0 : v.raw;
  return v.issue === undefined ? [raw, v.value, v.ok ? 1 : 0] : [raw, v.value, v.ok ? 1 : 0, v.issue];
}

export function encodePerson(person: PersonRecord): string {
  const f: Packed['f'] = {};
  for (const key in person.fields) {
    const name = key as PersonField;
    const v = person.fields[name];
    if (v !== undefined) f[name] = packField(v);
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

/** A row's facts (name ▶ raw, standard value, flag), packed as a person's fields are. */
export function encodeFacts(facts: Readonly<Record<string, FieldValue>>): string {
  const packed: Record<string, PackedField> = {};
  for (const name in facts) {
    const v = facts[name];
    if (v !== undefined) packed[name] = packField(v);
  }
  return JSON.stringify(packed);
}

/**
 * Facts as stored: packed, or as plain `{raw, value, ok}` objects (records stored by earlier
 * versions); a bare string is a standard value. Text that is not a JSON object, and entries of none
 * of these forms, give nothing.
 */
export function decodeFacts(text: string): Record<string, FieldValue> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const out: Record<string, FieldValue> = {};
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const [name, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      if (v.length >= 3 && (typeof v[0] === 'string' || v[0] === 0) && (typeof v[1] === 'string' || v[1] === null)) out[name] = unpackField(v as PackedField);
    } else if (typeof v === 'string') {
      out[name] = { raw: v, value: v, ok: true };
    } else if (v !== null && typeof v === 'object') {
      const o = v as Partial<FieldValue>;
      const value = typeof o.value === 'string' ? o.value : null;
      const plain: FieldValue = { raw: typeof o.raw === 'string' ? o.raw : (value ?? ''), value, ok: o.ok === true };
      if (typeof o.issue === 'string') plain.issue = o.issue;
      out[name] = plain;
    }
  }
  return out;
}

/** Each fact as shown: its standard value, or the raw text where it has none. */
export function factTexts(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(decodeFacts(text))) out[name] = v.value ?? v.raw;
  return out;
}
