// Per-record comparison features, computed once when a record enters the engine so the pair loop
// only compares ready strings and numbers (pinyin, fuzzy pinyin, id facts, address bigrams...).

import {
  deriveIdInfo,
  fuzzyPinyinSyllable,
  isValidIdNumber,
  nameComparableKey,
  namePinyin,
  toSimplified,
  upgradeIdNumber15,
} from '../identity/index.js';
import type { PersonRecord } from '../standard/record.js';
import { birthLevel, BIRTH_ELSE } from './compare/birth.js';
import { parseLatinName, surnameLength } from './name-parts.js';
import { bigrams } from './compare/text-similarity.js';
import { regionPrefix } from './compare/address.js';
import type { MatchInput } from './types.js';

export const NAME_NONE = 0;
export const NAME_HANZI = 1;
export const NAME_LATIN = 2;

/** What the engine knows of a related person (the guardian of this child...). */
export interface RelatedFeatures {
  /** type + direction, e.g. `guardian_of>from`. */
  tie: string;
  id: string | null;
  nameKey: string | null;
  birth: string | null;
  phone: string | null;
}

export interface RecordFeatures {
  key: string;
  source: string;
  kind: string;
  observedAt: string | null;
  nameKind: number;
  /** The name as written (cleaned; lower-case for latin names): the `exact` level. */
  nameExact: string | null;
  /** After traditional-to-simplified: the `simplified` level. */
  nameSimplified: string | null;
  /** Toneless pinyin syllables in written order, space-joined (hanzi names). */
  pinyin: string | null;
  /** The same syllables through the fuzzy map (zh=z, ang=an...). */
  fuzzy: string | null;
  /** Script-independent key (`ZHANG Wei` and 张伟 agree); null when the name is not pinyin-like. */
  comparableKey: string | null;
  /** Fuzzy syllables of the comparable key, for cross-script pairs. */
  comparableFuzzy: string | null;
  /** Hanzi: surname characters followed by the sorted given-name characters (swap level). */
  swapKey: string | null;
  /** Latin names split into parts, lower-case. */
  given: string | null;
  surname: string | null;
  /** Cleaned id as written (upper-case, no spaces) and its 18-character form when it has one. */
  idForm: string | null;
  id18: string | null;
  idType: string;
  isResidentId: boolean;
  idValid: boolean;
  /** The record's own birth date or sex contradicts what its valid id encodes (a parent's id in a child's row). */
  idOwnerMismatch: boolean;
  /** The id that makes this record one person: a valid resident id that is really this person's. */
  constraintId: string | null;
  /** Region and birth read from the id (even with a bad checksum) for blocking. */
  idRegionBirth: string | null;
  sex: 'M' | 'F' | null;
  birth: string | null;
  phone: string | null;
  hukouRegion: string | null;
  hukouDetail: string | null;
  hukouGrams: Uint32Array | null;
  residenceRegion: string | null;
  residenceDetail: string | null;
  residenceGrams: Uint32Array | null;
  employer: string | null;
  employerCode: string | null;
  employerGrams: Uint32Array | null;
  related: RelatedFeatures[];
  /** Numbers in the residence and hukou details, for blocking. */
  detailNumbers: readonly string[];
  /** Blocking keys of the name: sorted fuzzy syllables, and the surname and given-name parts. */
  blockName: string | null;
  /** The birth date for blocking: the record's own, else the one its valid id encodes. */
  blockBirth: string | null;
  blockSurname: string | null;
  blockGiven: string | null;
}

const COMPARABLE_MEMO_LIMIT = 100_000;
const comparableMemo = new Map<string, string>();

/** nameComparableKey, remembered: names repeat across a population and across sources. */
function comparableKeyOf(name: string): string {
  let key = comparableMemo.get(name);
  if (key === undefined) {
    key = nameComparableKey(name);
    if (comparableMemo.size >= COMPARABLE_MEMO_LIMIT) comparableMemo.clear();
    comparableMemo.set(name, key);
  }
  return key;
}

function cleanName(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

function isHanziName(name: string): boolean {
  const cp = name.codePointAt(0) ?? 0;
  return cp >= 0x3400 && !(cp >= 0xff00 && cp <= 0xffef);
}

function fuzzyJoin(syllables: readonly string[]): string {
  let out = '';
  for (let i = 0; i < syllables.length; i++) out += (i === 0 ? '' : ' ') + fuzzyPinyinSyllable(syllables[i]!);
  return out;
}

/** Everything the engine derives from a name; shared by every record that writes the name alike. */
interface NameBundle {
  nameKind: number;
  nameExact: string;
  nameSimplified: string;
  pinyin: string | null;
  fuzzy: string | null;
  comparableKey: string | null;
  comparableFuzzy: string | null;
  swapKey: string | null;
  given: string | null;
  surname: string | null;
  blockName: string | null;
  blockSurname: string | null;
  blockGiven: string | null;
}

function nameBundle(person: PersonRecord, name: string): NameBundle {
  const written = cleanName(person.fields.name?.raw ?? name);
  const key = comparableKeyOf(name);
  const syllables = person.namePinyin.length > 0 ? person.namePinyin : namePinyin(name);
  const comparableFuzzy = syllables.length === 0 ? null : syllables.map(fuzzyPinyinSyllable).sort().join(' ');
  const b: NameBundle = {
    nameKind: NAME_LATIN,
    nameExact: written,
    nameSimplified: written,
    pinyin: null,
    fuzzy: null,
    comparableKey: key === '' ? null : key,
    comparableFuzzy,
    swapKey: null,
    given: null,
    surname: null,
    blockName: comparableFuzzy,
    blockSurname: null,
    blockGiven: null,
  };
  if (isHanziName(name)) {
    b.nameKind = NAME_HANZI;
    b.nameExact = written.replace(/ /g, '');
    b.nameSimplified = toSimplified(name.replace(/ /g, ''));
    if (person.namePinyin.length > 0) {
      b.pinyin = person.namePinyin.join(' ');
      b.fuzzy = fuzzyJoin(person.namePinyin);
    }
    const chars = Array.from(b.nameSimplified);
    const cut = surnameLength(b.nameSimplified);
    if (chars.length - cut >= 2) b.swapKey = chars.slice(0, cut).join('') + chars.slice(cut).sort().join('');
    if (syllables.length === chars.length && chars.length > cut) {
      b.blockSurname = fuzzyJoin(syllables.slice(0, cut));
      b.blockGiven = fuzzyJoin(syllables.slice(cut));
    }
    return b;
  }
  b.nameExact = written.toLowerCase();
  b.nameSimplified = b.nameExact;
  const parts = parseLatinName(written, person.fields.given_name?.value ?? null, person.fields.surname?.value ?? null);
  b.given = parts.given;
  b.surname = parts.surname;
  b.blockSurname = parts.surname;
  b.blockGiven = parts.given;
  return b;
}

const NAME_MEMO_LIMIT = 100_000;
/** Keyed by the name as written; the bundle remembers what else it was computed from. */
const nameMemo = new Map<string, { name: string; given: string | null; surname: string | null; bundle: NameBundle }>();

function nameFeatures(person: PersonRecord, f: RecordFeatures): void {
  const name = person.name;
  if (name === null || name === '') return;
  const written = person.fields.name?.raw ?? name;
  const given = person.fields.given_name?.value ?? null;
  const surname = person.fields.surname?.value ?? null;
  let memo = nameMemo.get(written);
  if (memo === undefined || memo.name !== name || memo.given !== given || memo.surname !== surname) {
    memo = { name, given, surname, bundle: nameBundle(person, name) };
    if (nameMemo.size >= NAME_MEMO_LIMIT) nameMemo.clear();
    nameMemo.set(written, memo);
  }
  const b = memo.bundle;
  f.nameKind = b.nameKind;
  f.nameExact = b.nameExact;
  f.nameSimplified = b.nameSimplified;
  f.pinyin = b.pinyin;
  f.fuzzy = b.fuzzy;
  f.comparableKey = b.comparableKey;
  f.comparableFuzzy = b.comparableFuzzy;
  f.swapKey = b.swapKey;
  f.given = b.given;
  f.surname = b.surname;
  f.blockName = b.blockName;
  f.blockSurname = b.blockSurname;
  f.blockGiven = b.blockGiven;
}

function idFeatures(person: PersonRecord, f: RecordFeatures): void {
  const id = person.idNumber;
  if (id === null || id === '') return;
  f.idType = person.idType;
  f.isResidentId = person.idType === 'resident_id';
  const rawForm = person.fields.id_number?.raw.replace(/[\s-]/g, '').toUpperCase() ?? id;
  f.idForm = rawForm === '' ? id : rawForm;
  if (!f.isResidentId) {
    f.id18 = id;
    return;
  }
  f.id18 = id.length === 15 ? (upgradeIdNumber15(id) ?? id) : id;
  f.idValid = isValidIdNumber(f.id18);
  if (f.id18.length === 18) {
    const info = deriveIdInfo(f.id18);
    if (info !== null) f.idRegionBirth = info.region + info.birthDate;
    if (f.idValid && info !== null) {
      const sexClash = f.sex !== null && f.sex !== info.sex;
      const birthClash = f.birth !== null && birthLevel(f.birth, info.birthDate) === BIRTH_ELSE;
      f.idOwnerMismatch = sexClash || birthClash;
      // The id's birth date blocks the record, but is not compared as a birth date of its own: that
      // would count the id twice.
      if (!f.idOwnerMismatch) {
        f.constraintId = f.id18;
        f.blockBirth ??= info.birthDate;
      }
    }
  }
}

function relatedFeatures(input: MatchInput): RelatedFeatures[] {
  return input.related.map((r) => {
    const o = r.other;
    const key = o.name === null ? null : comparableKeyOf(o.name) || o.name;
    return {
      tie: `${r.type}>${r.direction}`,
      id: o.idValid ? o.idNumber : null,
      nameKey: key,
      birth: o.birthDate,
      phone: o.phone,
    };
  });
}

interface DetailBundle {
  grams: Uint32Array;
  /** Up to two runs of three or more digits (house or room number, postcode): for blocking. Shorter
   *  numbers (building 3, gate 1) are shared by too many strangers to block on. */
  numbers: readonly string[];
}

const DETAIL_MEMO_LIMIT = 100_000;
const detailMemo = new Map<string, DetailBundle>();

/** Bigrams and numbers of a detail text, remembered: a household's address recurs in every source. */
function detail(text: string | null): DetailBundle | null {
  if (text === null || text === '') return null;
  let d = detailMemo.get(text);
  if (d === undefined) {
    d = { grams: bigrams(text), numbers: [...new Set(text.match(/\d{3,}/g))].slice(0, 2) };
    if (detailMemo.size >= DETAIL_MEMO_LIMIT) detailMemo.clear();
    detailMemo.set(text, d);
  }
  return d;
}

function detailNumbers(a: DetailBundle | null, b: DetailBundle | null): readonly string[] {
  if (a === null || a.numbers.length === 0) return b?.numbers ?? [];
  if (b === null || b.numbers.length === 0) return a.numbers;
  return [...new Set([...a.numbers, ...b.numbers])];
}

/** Computes the features of one record; the only per-record cost outside the pair loop. */
export function extractFeatures(input: MatchInput): RecordFeatures {
  const p = input.person;
  const hukou = detail(p.hukouDetail);
  const residence = detail(p.residenceDetail);
  const f: RecordFeatures = {
    key: input.key,
    source: input.source,
    kind: input.kind,
    observedAt: input.observedAt,
    nameKind: NAME_NONE,
    nameExact: null,
    nameSimplified: null,
    pinyin: null,
    fuzzy: null,
    comparableKey: null,
    comparableFuzzy: null,
    swapKey: null,
    given: null,
    surname: null,
    idForm: null,
    id18: null,
    idType: p.idType,
    isResidentId: false,
    idValid: false,
    idOwnerMismatch: false,
    constraintId: null,
    idRegionBirth: null,
    sex: p.sex,
    birth: p.birthDate,
    phone: p.phone,
    hukouRegion: regionPrefix(p.hukouRegion),
    hukouDetail: p.hukouDetail,
    hukouGrams: hukou?.grams ?? null,
    residenceRegion: regionPrefix(p.residenceRegion),
    residenceDetail: p.residenceDetail,
    residenceGrams: residence?.grams ?? null,
    employer: p.employer,
    employerCode: p.employerCreditCode,
    employerGrams: p.employer === null ? null : bigrams(p.employer),
    related: input.related.length === 0 ? [] : relatedFeatures(input),
    detailNumbers: detailNumbers(residence, hukou),
    blockName: null,
    blockBirth: p.birthDate,
    blockSurname: null,
    blockGiven: null,
  };
  nameFeatures(p, f);
  idFeatures(p, f);
  return f;
}

function mix(h: number, text: string | null): number {
  let x = h;
  if (text !== null) for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(x ^ 0x1f, 0x01000193);
}

/**
 * A 52-bit hash of everything matching looks at: a record re-ingested unchanged hashes the same,
 * so the engine can skip it. Two 32-bit FNV lanes with different seeds.
 */
export function featureFingerprint(f: RecordFeatures): number {
  const fields = [
    f.nameExact, f.given, f.surname, f.idForm, f.idType, f.sex, f.birth, f.phone, f.hukouRegion,
    f.hukouDetail, f.residenceRegion, f.residenceDetail, f.employer, f.employerCode,
  ];
  let a = 0x811c9dc5;
  let b = 0x3b9aca07;
  for (const field of fields) {
    a = mix(a, field);
    b = mix(b ^ 0x5bd1e995, field);
  }
  for (const r of f.related) {
    for (const field of [r.tie, r.id, r.nameKey, r.birth, r.phone]) {
      a = mix(a, field);
      b = mix(b ^ 0x5bd1e995, field);
    }
  }
  return (a >>> 0) * 1048576 + (b >>> 12);
}
