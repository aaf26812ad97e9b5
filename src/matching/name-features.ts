// What the engine derives from a name (pinyin, fuzzy pinyin, the script-independent key, the
// given-name swap key, latin parts, blocking keys), computed once per spelling and shared by every
// record that writes the name alike: names repeat across a population and across sources.

import { fuzzyPinyinSyllable, nameComparableKey, namePinyin, normalizeName, toSimplified } from '../identity/index.js';
import type { PersonRecord } from '../standard/record.js';
import { Memo } from './memo.js';
import { parseLatinName } from './name-parts.js';

export const NAME_NONE = 0;
export const NAME_HANZI = 1;
export const NAME_LATIN = 2;

const comparableMemo = new Memo<string>(100_000);

/** nameComparableKey, remembered: names repeat across a population and across sources. */
export function comparableKeyOf(name: string): string {
  return comparableMemo.get(name, nameComparableKey);
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
export interface NameFeatures {
  nameKind: number;
  /** The name as written (cleaned; lower-case for latin names): the `exact` level. */
  nameExact: string | null;
  /** After traditional-to-simplified: the `simplified` level. */
  nameSimplified: string | null;
  /** Toneless pinyin syllables in written order, space-joined (hanzi names). */
  pinyin: string | null;
  /** The same syllables through the fuzzy map (zh=z, ang=an...). */
  fuzzy: string | null;
  /** Script-independent key (`ZHANG Wei` and 张伟 agree). */
  comparableKey: string | null;
  /** Sorted fuzzy syllables: for cross-script pairs and name blocking keys. */
  comparableFuzzy: string | null;
  /** Hanzi: surname characters followed by the sorted given-name characters (swap level). */
  swapKey: string | null;
  /** Hanzi: the surname (one or two characters). */
  hanziSurname: string | null;
  /** Latin names split into parts, lower-case. */
  given: string | null;
  surname: string | null;
  /** Blocking keys of the name: sorted fuzzy syllables, and the surname and given-name parts. */
  blockName: string | null;
  blockSurname: string | null;
  blockGiven: string | null;
}

/** The features of a record without a name. */
export const NO_NAME: NameFeatures = {
  nameKind: NAME_NONE, nameExact: null, nameSimplified: null, pinyin: null, fuzzy: null, comparableKey: null,
  comparableFuzzy: null, swapKey: null, hanziSurname: null, given: null, surname: null, blockName: null,
  blockSurname: null, blockGiven: null,
};

function nameFeatures(person: PersonRecord, name: string): NameFeatures {
  const written = cleanName(person.fields.name?.raw ?? name);
  const key = comparableKeyOf(name);
  const syllables = person.namePinyin.length > 0 ? person.namePinyin : namePinyin(name);
  const comparableFuzzy = syllables.length === 0 ? null : syllables.map(fuzzyPinyinSyllable).sort().join(' ');
  const b: NameFeatures = {
    nameKind: NAME_LATIN,
    nameExact: written,
    nameSimplified: written,
    pinyin: null,
    fuzzy: null,
    comparableKey: key === '' ? null : key,
    comparableFuzzy,
    swapKey: null,
    hanziSurname: null,
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
    // The identity normaliser knows the compound surnames (欧阳, 司马...).
    b.hanziSurname = normalizeName(b.nameSimplified).surname || null;
    const cut = b.hanziSurname === null ? 1 : Array.from(b.hanziSurname).length;
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

/** Keyed by the name as written; the entry remembers what else the features were computed from. */
interface NameMemoEntry {
  name: string;
  given: string | null;
  surname: string | null;
  features: NameFeatures;
}
const nameMemo = new Memo<NameMemoEntry>(200_000);

/** The name features of a person (shared, do not modify); NO_NAME when the record has no name. */
export function nameFeaturesOf(person: PersonRecord): NameFeatures {
  const name = person.name;
  if (name === null || name === '') return NO_NAME;
  const written = person.fields.name?.raw ?? name;
  const given = person.fields.given_name?.value ?? null;
  const surname = person.fields.surname?.value ?? null;
  const compute = (): NameMemoEntry => ({ name, given, surname, features: nameFeatures(person, name) });
  let memo = nameMemo.get(written, compute);
  // The same spelling read with other split fields (rare): compute afresh, do not remember.
  if (memo.name !== name || memo.given !== given || memo.surname !== surname) memo = compute();
  return memo.features;
}
