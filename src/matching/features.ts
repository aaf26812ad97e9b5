// Per-record comparison features, computed once when a record enters the engine so the pair loop
// only compares ready strings and numbers (pinyin, fuzzy pinyin, id facts, address bigrams...).

import { deriveIdInfo, isValidIdNumber, upgradeIdNumber15 } from '../identity/index.js';
import type { PersonRecord } from '../standard/record.js';
import { birthLevel, BIRTH_ELSE } from './compare/birth.js';
import { comparableKeyOf, nameFeaturesOf, type NameFeatures } from './name-features.js';
import { bigrams } from './compare/text-similarity.js';
import { regionPrefix } from './compare/address.js';
import { credentialsOf, NO_CREDENTIALS, type CredentialSet } from './credentials.js';
import { Memo } from './memo.js';
import { NO_PLACES, placesOf, type PlaceIndex, type PlaceProfile } from './places.js';
import type { MatchInput } from './types.js';

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
  /** The name's features, shared with every record that writes the name alike. */
  name: NameFeatures;
  /** The id was written in the legacy 15-digit form (the forms_15_18 level). */
  idWritten15: boolean;
  /** The id in its 18-character form when it has one, else as normalised. */
  id18: string | null;
  idType: string;
  isResidentId: boolean;
  idValid: boolean;
  /** The record's own birth date or sex contradicts what its valid id encodes (a parent's id in a child's row). */
  idOwnerMismatch: boolean;
  /** The id that makes this record one person: a valid resident id that is really this person's. */
  constraintId: string | null;
  /** The id's first 14 characters are a region and a real birth date (even with a bad checksum): a blocking key. */
  idHasBirth: boolean;
  sex: 'M' | 'F' | null;
  birth: string | null;
  phone: string | null;
  /** Regions as significant prefixes (address.ts); details only as bigrams (equal text, equal bigrams). */
  hukouRegion: string | null;
  hukouGrams: Uint32Array | null;
  residenceRegion: string | null;
  residenceGrams: Uint32Array | null;
  employer: string | null;
  employerCode: string | null;
  employerGrams: Uint32Array | null;
  related: readonly RelatedFeatures[];
  /** Numbers in the residence and hukou details, for blocking. */
  detailNumbers: readonly string[];
  /** The birth date for blocking: the record's own, else the one its valid id encodes. */
  blockBirth: string | null;
  /** The record carries a name and nothing else to match on (a door card event, a bare list). */
  nameOnly: boolean;
  /** Learned credentials of its source and role (`source\u0001role\u0001fact\u0001value`), e.g. a door card. */
  credentials: readonly string[];
  /** For a name-only record: where the places its facts point to are (a door device's village), from the model. */
  places: readonly PlaceProfile[];
}

/**
 * A cheap look at an input for a caller that orders its work: the person carries a name and
 * nothing else to match on (what `RecordFeatures.nameOnly` says, before features are computed).
 */
export function carriesOnlyAName(input: MatchInput): boolean {
  const p = input.person;
  const empty = (v: string | null): boolean => v === null || v === '';
  return !empty(p.name) && empty(p.idNumber) && empty(p.birthDate) && p.sex === null && empty(p.phone) && empty(p.hukouRegion) && empty(p.hukouDetail) &&
    empty(p.residenceRegion) && empty(p.residenceDetail) && empty(p.employer) && empty(p.employerCreditCode) && input.related.length === 0;
}

/** Digits and X in an id as written: 15 for a legacy number however it is spaced. */
function countIdChars(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i) | 0x20;
    if ((c >= 0x30 && c <= 0x39) || c === 0x78) n++;
  }
  return n;
}

function idFeatures(person: PersonRecord, f: RecordFeatures): void {
  const id = person.idNumber;
  if (id === null || id === '') return;
  f.idType = person.idType;
  f.isResidentId = person.idType === 'resident_id';
  if (!f.isResidentId) {
    f.id18 = id;
    return;
  }
  f.idWritten15 = id.length === 15 || countIdChars(person.fields.id_number?.raw ?? id) === 15;
  f.id18 = id.length === 15 ? (upgradeIdNumber15(id) ?? id) : id;
  // The record says whether its id passed the checksum (an upgraded 15-digit id did); trust it.
  f.idValid = f.id18.length === 18 && (person.idValid || isValidIdNumber(f.id18));
  if (f.id18.length === 18) {
    const info = deriveIdInfo(f.id18);
    f.idHasBirth = info !== null;
    if (f.idValid && info !== null) {
      const sexClash = f.sex !== null && f.sex !== info.sex;
      const birthClash = f.birth !== null && birthLevel(f.birth, info.birthDate) === BIRTH_ELSE;
      f.idOwnerMismatch = sexClash || birthClash;
      // The id's birth date blocks the record, but is not compared as a birth date of its own: that
      // would count the id twice.
      if (!f.idOwnerMismatch) {
        f.constraintId = f.id18;
        f.blockBirth ??= intern(info.birthDate);
      }
    }
  }
}

/** The one empty list every record without related persons, numbers, credentials or places shares:
 *  a first load holds a million records' features, and an empty array each costs 32 bytes. */
const NONE: readonly never[] = Object.freeze([]);

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

const detailMemo = new Memo<DetailBundle>(200_000);
/**
 * One copy of each value that many records repeat (birth dates, region codes, employers and their
 * codes): a first load holds a million records' features, and each record's own copy of such a
 * string costs 32–64 bytes and one more object for every full collection to mark. Values nearly
 * unique to a person (id numbers, phones) are not interned: a person's records come from different
 * sources, too far apart in a run for a bounded memo to meet them again.
 */
const internMemo = new Memo<string>(200_000);

function intern(text: string): string {
  return internMemo.get(text, (t) => t);
}

function internOrNull(text: string | null): string | null {
  return text === null ? null : intern(text);
}

/** The region as a significant prefix (4403 for 440300), one copy shared by every record. */
function regionOf(code: string | null): string | null {
  return internOrNull(regionPrefix(code));
}

function detailBundle(text: string): DetailBundle {
  return { grams: bigrams(text), numbers: [...new Set(text.match(/\d{3,}/g))].slice(0, 2) };
}

/** Bigrams and numbers of a detail text, remembered: a household's address recurs in every source. */
function detail(text: string | null): DetailBundle | null {
  return text === null || text === '' ? null : detailMemo.get(text, detailBundle);
}

function detailNumbers(a: DetailBundle | null, b: DetailBundle | null): readonly string[] {
  if (a === null || a.numbers.length === 0) return b === null || b.numbers.length === 0 ? NONE : b.numbers;
  if (b === null || b.numbers.length === 0) return a.numbers;
  return [...new Set([...a.numbers, ...b.numbers])];
}

/**
 * Computes the features of one record; the only per-record cost outside the pair loop. `credentials`
 * are the model's learned credential facts (none: the record's facts are not looked at).
 */
export function extractFeatures(input: MatchInput, credentials: CredentialSet = NO_CREDENTIALS, places: PlaceIndex = NO_PLACES): RecordFeatures {
  const p = input.person;
  const hukou = detail(p.hukouDetail);
  const residence = detail(p.residenceDetail);
  const birth = internOrNull(p.birthDate);
  const f: RecordFeatures = {
    key: input.key,
    name: nameFeaturesOf(p),
    idWritten15: false,
    id18: null,
    idType: intern(p.idType),
    isResidentId: false,
    idValid: false,
    idOwnerMismatch: false,
    constraintId: null,
    idHasBirth: false,
    sex: p.sex,
    birth,
    phone: p.phone,
    hukouRegion: regionOf(p.hukouRegion),
    hukouGrams: hukou?.grams ?? null,
    residenceRegion: regionOf(p.residenceRegion),
    residenceGrams: residence?.grams ?? null,
    employer: internOrNull(p.employer),
    employerCode: internOrNull(p.employerCreditCode),
    employerGrams: detail(p.employer)?.grams ?? null,
    related: input.related.length === 0 ? NONE : relatedFeatures(input),
    detailNumbers: detailNumbers(residence, hukou),
    blockBirth: birth,
    nameOnly: false,
    credentials: orNone(credentialsOf(input, credentials)),
    places: NONE,
  };
  idFeatures(p, f);
  f.nameOnly =
    f.name.nameSimplified !== null && f.id18 === null && f.birth === null && f.sex === null && f.phone === null &&
    f.hukouRegion === null && f.hukouGrams === null && f.residenceRegion === null && f.residenceGrams === null &&
    f.employer === null && f.employerCode === null && f.related.length === 0;
  if (f.nameOnly) f.places = orNone(placesOf(input, places));
  return f;
}

function orNone<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : list;
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
    f.name.nameExact, f.name.given, f.name.surname, f.id18, f.idWritten15 ? '15' : '', f.idType, f.sex, f.birth, f.phone,
    f.hukouRegion, f.residenceRegion, f.employer, f.employerCode,
  ];
  let a = 0x811c9dc5;
  let b = 0x3b9aca07;
  for (const field of fields) {
    a = mix(a, field);
    b = mix(b ^ 0x5bd1e995, field);
  }
  for (const grams of [f.hukouGrams, f.residenceGrams]) {
    if (grams !== null) for (const g of grams) {
      a = Math.imul(a ^ g, 0x01000193);
      b = Math.imul(b ^ g, 0x01000193);
    }
    a = mix(a, null);
    b = mix(b, null);
  }
  for (const c of f.credentials) {
    a = mix(a, c);
    b = mix(b ^ 0x5bd1e995, c);
  }
  for (const r of f.related) {
    for (const field of [r.tie, r.id, r.nameKey, r.birth, r.phone]) {
      a = mix(a, field);
      b = mix(b ^ 0x5bd1e995, field);
    }
  }
  return (a >>> 0) * 1048576 + (b >>> 12);
}
