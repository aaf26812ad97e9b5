// Maps one raw source row through its mapping into standard fields, normalises every value and
// decides: accepted (with per-value "standardised or not" flags) or quarantined with a reason.
// Pure: the caller passes the row and a fallback record id; nothing here reads a clock or a file.

import {
  cleanText,
  composeName,
  normalizeCreditCode,
  normalizeDate,
  normalizeDateTime,
  normalizeEmployer,
  normalizeEthnicity,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  normalizeSex,
  parseAddress,
  type ParsedAddress,
} from '../identity/index.js';
import {
  dateFacts,
  factMaxLength,
  fieldMaxLength,
  idTypes,
  yesNoFacts,
  type IdType,
  type PersonField,
} from './fields.js';
import type { ColumnRef, Mapping } from './mapping.js';
import type { AcceptedRow, FieldValue, NormalizedRow, PersonRecord, QuarantinedRow } from './record.js';

export interface RowInput {
  line: number;
  cells: Readonly<Record<string, string>>;
}

const recordIdMaxLength = 128;

class TooLong extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

function readColumn(cells: RowInput['cells'], ref: ColumnRef): string {
  if (typeof ref === 'string') return cleanText(cells[ref] ?? '');
  const parts: string[] = [];
  for (const column of ref) {
    const value = cleanText(cells[column] ?? '');
    if (value !== '') parts.push(value);
  }
  return parts.join(' ');
}

function toField(n: { raw: string; value: string | null; ok: boolean; issue?: string }): FieldValue {
  const field: FieldValue = { raw: n.raw, value: n.value, ok: n.ok };
  if (n.issue !== undefined) field.issue = n.issue;
  return field;
}

/** Id types by their enum names and the Chinese names departments write. */
const idTypeNames: ReadonlyMap<string, IdType> = new Map<string, IdType>([
  ...idTypes.map((t): [string, IdType] => [t, t]),
  ['居民身份证', 'resident_id'],
  ['身份证', 'resident_id'],
  ['二代身份证', 'resident_id'],
  ['护照', 'passport'],
  ['普通护照', 'passport'],
  ['港澳台居民居住证', 'hk_mo_tw_permit'],
  ['港澳居民来往内地通行证', 'hk_mo_tw_permit'],
  ['台湾居民来往大陆通行证', 'hk_mo_tw_permit'],
  ['外国人永久居留身份证', 'foreign_permanent'],
  ['外国人永久居留证', 'foreign_permanent'],
]);

function normalizeIdType(raw: string): FieldValue {
  const type = idTypeNames.get(raw.toLowerCase());
  return type === undefined ? { raw, value: null, ok: false, issue: 'unknown_id_type' } : { raw, value: type, ok: true };
}

/** What normalising a role's fields produced beyond the flat values: kept so nothing is parsed twice. */
interface Derived {
  pinyin: string[];
  hukou: ParsedAddress | null;
  residence: ParsedAddress | null;
}

function normalizeField(field: PersonField, raw: string, derived: Derived, within: string | undefined): FieldValue {
  switch (field) {
    case 'name': {
      const name = normalizeName(raw);
      derived.pinyin = name.pinyin;
      return toField(name);
    }
    case 'surname':
    case 'given_name':
      return toField(normalizeName(raw));
    case 'id_number':
      return toField(normalizeIdNumber(raw));
    case 'id_type':
      return normalizeIdType(raw);
    case 'sex':
      return once('sex', raw, normalizeSex);
    case 'birth_date':
      return toField(normalizeDate(raw));
    case 'ethnicity':
      return once('ethnicity', raw, normalizeEthnicity);
    case 'phone':
      return toField(normalizePhone(raw));
    case 'hukou_address': {
      const address = parseAddress(raw, within);
      derived.hukou = address.parsed;
      return toField(address);
    }
    case 'residence_address': {
      const address = parseAddress(raw, within);
      derived.residence = address.parsed;
      return toField(address);
    }
    case 'employer_name':
      return once('employer', raw, normalizeEmployer);
    case 'employer_credit_code':
      return toField(normalizeCreditCode(raw));
    case 'social_security_no':
      return raw.length <= 40 ? { raw, value: raw, ok: true } : { raw, value: null, ok: false, issue: 'too_long' };
  }
}

/**
 * Values with few distinct forms that come back row after row (sexes, ethnicities, a city's
 * employers, the dates of events): each raw value is normalised once and the result object
 * shared by the rows that carry it (nothing edits a field value after it is made; buildPerson
 * replaces one, never changes it).
 * Names, birth dates and addresses are not kept: on the synthetic city only 9–25% of them repeat
 * within reach, and every miss leaves an entry that outlives the young generation: keeping them
 * cost more in garbage collection than it saved (measured over a whole ingest, both threads).
 * Bounded: the cache is emptied when full.
 */
const MEMO_LIMIT = 20_000;

/** One bounded cache per kind of value, keyed by the raw text (no key to build per lookup). */
const memos = new Map<string, Map<string, FieldValue>>();

/** A value normalised by a function of the raw text alone (sex, ethnicity, employer, date facts). */
function once(kind: string, raw: string, normalize: (raw: string) => { raw: string; value: string | null; ok: boolean; issue?: string }): FieldValue {
  let memo = memos.get(kind);
  if (memo === undefined) memos.set(kind, (memo = new Map<string, FieldValue>()));
  let known = memo.get(raw);
  if (known === undefined) {
    known = toField(normalize(raw));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(raw, known);
  }
  return known;
}

const yes = new Set(['是', 'y', 'yes', 'true', '1', '已', '有']);
const no = new Set(['否', 'n', 'no', 'false', '0', '未', '无']);

function normalizeFact(fact: string, raw: string): FieldValue {
  if (dateFacts.has(fact)) return once('date', raw, normalizeDate);
  if (yesNoFacts.has(fact)) {
    const key = raw.toLowerCase();
    if (yes.has(key)) return { raw, value: '是', ok: true };
    if (no.has(key)) return { raw, value: '否', ok: true };
    return { raw, value: null, ok: false, issue: 'not_yes_no' };
  }
  return { raw, value: raw, ok: true };
}

interface Counter {
  total: number;
  standard: number;
}

/** A mapping's roles and facts as lists, made once per mapping rather than once per row. */
interface Plan {
  roles: [string, [PersonField, ColumnRef][]][];
  facts: [string, string][];
}

const plans = new WeakMap<Mapping, Plan>();

function planOf(mapping: Mapping): Plan {
  let plan = plans.get(mapping);
  if (plan === undefined) {
    plan = {
      roles: Object.entries(mapping.roles).map(([role, columns]) => [role, Object.entries(columns) as [PersonField, ColumnRef][]]),
      facts: Object.entries(mapping.facts),
    };
    plans.set(mapping, plan);
  }
  return plan;
}

function buildPerson(role: string, columns: readonly [PersonField, ColumnRef][], cells: RowInput['cells'], count: Counter, within: string | undefined): PersonRecord | null {
  const fields: Partial<Record<PersonField, FieldValue>> = {};
  const derived: Derived = { pinyin: [], hukou: null, residence: null };
  for (const [field, ref] of columns) {
    const raw = readColumn(cells, ref);
    if (raw === '') continue;
    if (raw.length > fieldMaxLength[field]) throw new TooLong(role === 'subject' ? field : `${role}.${field}`);
    const value = normalizeField(field, raw, derived, within);
    fields[field] = value;
    count.total += 1;
    if (value.ok) count.standard += 1;
  }
  if (fields.name === undefined && (fields.surname !== undefined || fields.given_name !== undefined)) {
    const composed = composeName(fields.surname?.value ?? fields.surname?.raw ?? '', fields.given_name?.value ?? fields.given_name?.raw ?? '');
    if (composed !== '') fields.name = normalizeField('name', composed, derived, within);
  }
  const idType = (fields.id_type?.value ?? 'resident_id') as IdType;
  const idField = fields.id_number;
  if (idType !== 'resident_id' && idField !== undefined) {
    // Passports and permits follow no GB 11643 rule: their standard form is the cleaned number.
    const document = idField.raw.replace(/[\s-]/g, '').toUpperCase();
    if (!idField.ok) count.standard += 1;
    fields.id_number = { raw: idField.raw, value: document, ok: true };
  }
  const name = fields.name?.ok === true ? fields.name.value : null;
  const idNumber = fields.id_number?.value ?? null;
  if (name === null && idNumber === null) return null;
  const { hukou, residence } = derived;
  return {
    role,
    fields,
    name,
    namePinyin: name === null ? [] : derived.pinyin,
    idNumber,
    idType,
    idValid: idType === 'resident_id' && fields.id_number?.ok === true,
    sex: (fields.sex?.value as 'M' | 'F' | null | undefined) ?? null,
    birthDate: fields.birth_date?.value ?? null,
    phone: fields.phone?.ok === true ? fields.phone.value : null,
    hukouRegion: hukou?.code ?? null,
    hukouDetail: hukou === null ? null : hukou.detail || null,
    residenceRegion: residence?.code ?? null,
    residenceDetail: residence === null ? null : residence.detail || null,
    employer: fields.employer_name?.value ?? null,
    employerCreditCode: fields.employer_credit_code?.ok === true ? fields.employer_credit_code.value : null,
  };
}

function quarantine(row: RowInput, recordId: string | null, reason: string, detail: string): QuarantinedRow {
  return { outcome: 'quarantined', line: row.line, recordId, reason, detail, raw: { ...row.cells } };
}

export interface RowContext {
  /** Names rows whose source gives no record id (the file's hash and the line). */
  fallbackRecordId: string;
  /** The node's jurisdiction: settles addresses that name only a district (南山区 in 深圳). */
  jurisdiction?: string | undefined;
}

/** Normalises one row through its mapping. */
export function normalizeRow(mapping: Mapping, row: RowInput, context: RowContext): NormalizedRow {
  const { fallbackRecordId, jurisdiction } = context;
  const givenId = mapping.recordId === null ? '' : cleanText(row.cells[mapping.recordId] ?? '');
  if (givenId.length > recordIdMaxLength) return quarantine(row, null, 'field_too_long:record_id', `> ${recordIdMaxLength}`);
  const recordId = givenId === '' ? fallbackRecordId : givenId;
  const count: Counter = { total: 0, standard: 0 };
  const persons: PersonRecord[] = [];
  const facts: Record<string, FieldValue> = {};
  const plan = planOf(mapping);
  try {
    for (const [role, columns] of plan.roles) {
      const person = buildPerson(role, columns, row.cells, count, jurisdiction);
      if (person !== null) persons.push(person);
    }
    for (const [fact, column] of plan.facts) {
      const raw = cleanText(row.cells[column] ?? '');
      if (raw === '') continue;
      if (raw.length > factMaxLength) throw new TooLong(fact);
      const value = normalizeFact(fact, raw);
      facts[fact] = value;
      count.total += 1;
      if (value.ok) count.standard += 1;
    }
  } catch (error) {
    if (error instanceof TooLong) return quarantine(row, recordId, `field_too_long:${error.field}`, 'value longer than the standard allows');
    throw error;
  }
  if (persons.length === 0) return quarantine(row, recordId, 'no_identity', 'no usable name and no id number');
  const observedRaw = mapping.observedAt === null ? '' : cleanText(row.cells[mapping.observedAt] ?? '');
  const observed = observedRaw === '' ? null : normalizeDateTime(observedRaw);
  const hasRole = (role: string): boolean => persons.some((p) => p.role === role);
  const accepted: AcceptedRow = {
    outcome: 'accepted',
    line: row.line,
    recordId,
    observedAt: observed?.ok === true ? observed.value : null,
    persons,
    relations: mapping.relations.filter((r) => hasRole(r.from) && hasRole(r.to)),
    facts,
    valuesTotal: count.total,
    valuesStandard: count.standard,
    raw: row.cells,
  };
  return accepted;
}
