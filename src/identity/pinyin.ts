// Pinyin readings for names: hanzi through pinyin-pro (surname readings for the surname: 单 shan,
// 曾 zeng, 解 xie, 尉迟 yuchi), latin spellings split into pinyin syllables. Names repeat a lot in
// a population, so readings are memoised (a bounded cache: deterministic, only faster).

import { pinyin } from 'pinyin-pro';
import { isAsciiLetter } from './chars.js';
import { splitPinyinWord } from './pinyin-syllables.js';

const SURNAME_OPTIONS = { mode: 'surname', surname: 'head', toneType: 'none', type: 'array', v: true } as const;
const PLAIN_OPTIONS = { toneType: 'none', type: 'array', v: true } as const;
const ALL_READINGS_OPTIONS = { toneType: 'none', type: 'array', v: true, multiple: true } as const;
const MEMO_LIMIT = 50_000;

interface CharReading {
  /** The usual reading of the character alone. */
  syllable: string;
  /** True when the character has more than one toneless reading (长 chang/zhang). */
  polyphonic: boolean;
}

const surnameMemo = new Map<string, readonly string[]>();
const contextMemo = new Map<string, readonly string[]>();
const charMemo = new Map<string, CharReading>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

function readHanzi(text: string, asSurname: boolean): readonly string[] {
  const syllables = pinyin(text, asSurname ? SURNAME_OPTIONS : PLAIN_OPTIONS);
  const out: string[] = [];
  for (const s of syllables) {
    const t = s.trim().toLowerCase();
    if (t !== '') out.push(t);
  }
  return out;
}

function charReading(ch: string): CharReading {
  const known = charMemo.get(ch);
  if (known !== undefined) return known;
  const readings = new Set(pinyin(ch, ALL_READINGS_OPTIONS).map((r) => r.trim().toLowerCase()));
  return remember(charMemo, ch, { syllable: readHanzi(ch, false)[0] ?? ch, polyphonic: readings.size > 1 });
}

function memoised(memo: Map<string, readonly string[]>, text: string, asSurname: boolean): readonly string[] {
  return memo.get(text) ?? remember(memo, text, readHanzi(text, asSurname));
}

/**
 * Toneless lower-case syllables of a run of hanzi. `asSurname` reads the run as a surname (it
 * should then be only the surname); otherwise the ordinary reading in context. A run without
 * polyphonic characters reads character by character, which gives the same syllables as
 * pinyin-pro on the whole run at a fraction of the cost; a run with one (重阳 chong yang) goes
 * to pinyin-pro whole, for its words.
 */
export function hanziPinyin(text: string, asSurname: boolean): readonly string[] {
  if (text === '') return [];
  if (asSurname) return memoised(surnameMemo, text, true);
  const out: string[] = [];
  for (const ch of text) {
    const reading = charReading(ch);
    if (reading.polyphonic) return memoised(contextMemo, text, false);
    out.push(reading.syllable);
  }
  return out;
}

const diacritics = /\p{M}+/gu;

/** One latin word, lower-case, ü as v and other accents dropped. */
function foldLatinWord(word: string): string {
  let lower = word.toLowerCase();
  if (/[^a-z]/.test(lower)) lower = lower.replace(/ü|u\u0308/g, 'v').normalize('NFD').replace(diacritics, '');
  return lower;
}

function isAsciiWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!isAsciiLetter(word.charCodeAt(i))) return false;
  return true;
}

/**
 * Syllables of latin-script text: each word split into pinyin syllables ("Zhangwei" → zhang wei);
 * a word that is not pinyin ("Smith") is kept whole, lower-case. Words are separated by anything
 * that is not a letter.
 */
export function latinPinyin(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/[^\p{L}\p{M}]+/u)) {
    if (word !== '') out.push(...wordPinyin(word));
  }
  return out;
}

const wordMemo = new Map<string, readonly string[]>();

function wordPinyin(word: string): readonly string[] {
  const known = wordMemo.get(word);
  if (known !== undefined) return known;
  const folded = foldLatinWord(word);
  const syllables = folded === '' ? [] : (isAsciiWord(folded) ? splitPinyinWord(folded) : null) ?? [folded];
  return remember(wordMemo, word, syllables);
}

function foldOnce(t: string): string {
  if (t.startsWith('zh') || t.startsWith('ch') || t.startsWith('sh')) t = t.charAt(0) + t.slice(2);
  else if (t.startsWith('n') && t.length > 1) t = `l${t.slice(1)}`;
  else if (t.startsWith('f')) t = `h${t.slice(1)}`;
  if (t.endsWith('ang') || t.endsWith('eng') || t.endsWith('ing')) t = t.slice(0, -1);
  return t;
}

/**
 * Folds the sounds speakers of southern dialects merge, for fuzzy comparison of syllables:
 * zh/ch/sh → z/c/s, initial n → l, initial f → h, final ang/eng/ing → an/en/in. Repeated until
 * stable, so folding a folded syllable changes nothing.
 */
export function fuzzyPinyinSyllable(s: string): string {
  let t = s.toLowerCase();
  for (let next = foldOnce(t); next !== t; next = foldOnce(t)) t = next;
  return t;
}
