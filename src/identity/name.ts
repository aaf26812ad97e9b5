// 姓名: names as the data standard wants them (NFKC, full-width to half-width, traditional to
// simplified, hanzi without inner spaces, minority-name separators unified to ·, latin names kept
// as given) plus the pinyin reading used to compare a hanzi name with its latin spelling.

import { isAsciiLetter, isHanziCodePoint, isLetterChar } from './chars.js';
import type { Normalized } from './normalized.js';
import { hanziPinyin, latinPinyin } from './pinyin.js';
import { toSimplified } from './simplified.js';
import { hanziSurnameLength } from './surnames.js';
import { cleanText } from './text.js';

export { toSimplified } from './simplified.js';
export { fuzzyPinyinSyllable } from './pinyin.js';

/** `latin` covers every alphabetic script that is not hanzi. */
export type NameScript = 'hanzi' | 'latin' | 'mixed';

export interface NormalizedName extends Normalized<string> {
  script: NameScript;
  /** Toneless lower-case syllables (ü as v); words that are not pinyin are kept whole. */
  pinyin: string[];
  /** '' when the name has no recognisable surname (minority names with ·, one latin word). */
  surname: string;
  given: string;
}

const MIDDLE_DOT = '·';
/** • ・ . · ‧ ∙ ⋅ ･ : the dots people type between the parts of a transliterated name. */
function isNameSeparator(cp: number): boolean {
  return (
    cp === 0x2e || cp === 0xb7 || cp === 0x2022 || cp === 0x30fb || cp === 0x2027 ||
    cp === 0x2219 || cp === 0x22c5 || cp === 0xff65
  );
}

interface Filtered {
  text: string;
  hasHanzi: boolean;
  hasOtherLetter: boolean;
}

/** Keeps letters, separators, spaces, hyphens and apostrophes; drops digits and symbols. */
function filterNameChars(text: string): Filtered {
  let out = '';
  let hasHanzi = false;
  let hasOtherLetter = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isHanziCodePoint(cp)) {
      hasHanzi = true;
      out += ch;
    } else if (isAsciiLetter(cp)) {
      hasOtherLetter = true;
      out += ch;
    } else if (cp === 0x20 || cp === 0x2d || isNameSeparator(cp)) {
      out += ch;
    } else if (cp === 0x27 || cp === 0x2019) {
      out += "'";
    } else if (cp > 0x7f && isLetterChar(ch)) {
      hasOtherLetter = true;
      out += ch;
    }
  }
  return { text: out, hasHanzi, hasOtherLetter };
}

/** Hanzi (and mixed) names: separators to ·, no spaces next to hanzi or ·, no stray dots. */
function tidyHanziName(text: string, dropAllSpaces: boolean): string {
  let out = '';
  let pendingSpace = false;
  let afterHanziOrDot = true;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isNameSeparator(cp)) {
      if (out !== '' && !out.endsWith(MIDDLE_DOT)) out += MIDDLE_DOT;
      pendingSpace = false;
      afterHanziOrDot = true;
    } else if (cp === 0x20) {
      pendingSpace = !dropAllSpaces && !afterHanziOrDot;
    } else if (dropAllSpaces && (cp === 0x2d || cp === 0x27)) {
      continue;
    } else {
      const hanzi = isHanziCodePoint(cp);
      if (pendingSpace && !hanzi) out += ' ';
      out += ch;
      pendingSpace = false;
      afterHanziOrDot = hanzi;
    }
  }
  return out.endsWith(MIDDLE_DOT) ? out.slice(0, -1) : out;
}

function tidyLatinName(text: string): string {
  let out = '';
  for (const ch of text) out += isNameSeparator(ch.codePointAt(0) ?? 0) && ch !== '.' ? MIDDLE_DOT : ch;
  return out.split(' ').filter((w) => w !== '').join(' ');
}

function isUpperWord(word: string): boolean {
  return word.length > 1 && word.toUpperCase() === word && word.toLowerCase() !== word;
}

function splitName(value: string, script: NameScript): { surname: string; given: string } {
  if (script === 'latin') {
    const words = value.split(' ');
    if (words.length < 2) return { surname: '', given: value };
    // Passports and foreign rosters write the surname in capitals: "ZHANG Wei", "Wei ZHANG".
    const upper = words.filter(isUpperWord);
    const at = upper.length === 1 ? words.indexOf(upper[0] ?? '') : 0;
    return { surname: words[at] ?? '', given: words.filter((_, i) => i !== at).join(' ') };
  }
  if (value.includes(MIDDLE_DOT) || !isHanziCodePoint(value.codePointAt(0) ?? 0)) {
    return { surname: '', given: value };
  }
  const cut = hanziSurnameLength(value);
  return { surname: value.slice(0, cut), given: value.slice(cut) };
}

/** Runs of hanzi and of other characters, in order. */
function scriptRuns(value: string): Array<{ hanzi: boolean; text: string }> {
  const runs: Array<{ hanzi: boolean; text: string }> = [];
  for (const ch of value) {
    const hanzi = isHanziCodePoint(ch.codePointAt(0) ?? 0);
    const last = runs[runs.length - 1];
    if (last !== undefined && last.hanzi === hanzi) last.text += ch;
    else runs.push({ hanzi, text: ch });
  }
  return runs;
}

function readName(value: string, script: NameScript, surname: string, given: string): string[] {
  if (script === 'latin') return latinPinyin(value);
  if (script === 'hanzi' && surname !== '') {
    return [...hanziPinyin(surname, true), ...hanziPinyin(given, false)];
  }
  const out: string[] = [];
  for (const run of scriptRuns(value)) {
    if (!run.hanzi) out.push(...latinPinyin(run.text));
    else if (out.length === 0 && surname !== '' && run.text.startsWith(surname)) {
      out.push(...hanziPinyin(surname, true), ...hanziPinyin(run.text.slice(surname.length), false));
    } else {
      for (const part of run.text.split(MIDDLE_DOT)) out.push(...hanziPinyin(part, false));
    }
  }
  return out;
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** Standard form of a person's name; ok:false with issue `no_letters` when nothing name-like is left. */
export function normalizeName(raw: string): NormalizedName {
  const trimmed = raw.trim();
  const filtered = filterNameChars(cleanText(trimmed));
  if (!filtered.hasHanzi && !filtered.hasOtherLetter) {
    return { raw: trimmed, value: null, ok: false, issue: 'no_letters', script: 'latin', pinyin: [], surname: '', given: '' };
  }
  const script: NameScript = !filtered.hasOtherLetter ? 'hanzi' : filtered.hasHanzi ? 'mixed' : 'latin';
  let value = script === 'latin' ? tidyLatinName(filtered.text) : tidyHanziName(filtered.text, script === 'hanzi');
  if (script !== 'latin') value = toSimplified(value);
  // Dropping characters can bring a letter and a combining mark together; recompose them.
  if (script !== 'hanzi' && hasNonAscii(value)) value = value.normalize('NFKC');
  const { surname, given } = splitName(value, script);
  return { raw: trimmed, value, ok: true, script, pinyin: readName(value, script, surname, given), surname, given };
}

/** Toneless syllables of a name (hanzi read in surname mode; latin split into syllables). */
export function namePinyin(name: string): string[] {
  return normalizeName(name).pinyin;
}

/** The same key for 张伟, "ZHANG Wei", "Wei Zhang" and "zhangwei": syllables sorted and joined. */
export function nameComparableKey(name: string): string {
  return namePinyin(name).sort().join('');
}

function hasNonHanziLetter(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isAsciiLetter(cp) || (cp > 0x7f && !isHanziCodePoint(cp) && isLetterChar(ch))) return true;
  }
  return false;
}

/** A full name from a split one: 张 + 伟 → 张伟; Zhang + Wei → "ZHANG Wei". */
export function composeName(surname: string, given: string): string {
  const s = cleanText(surname);
  const g = cleanText(given);
  if (s === '' || g === '') return s + g;
  if (hasNonHanziLetter(s) || hasNonHanziLetter(g)) return `${s.toUpperCase()} ${g}`;
  return s + g;
}
