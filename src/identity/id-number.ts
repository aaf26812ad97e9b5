// 公民身份号码 (citizen id number, GB 11643-1999): 6-digit region code (GB/T 2260 of the year of
// issue), 8-digit birth date, 3-digit sequence (odd for men), ISO 7064 MOD 11-2 check character.
// The region code is deliberately not checked: numbers keep codes that have since been abolished
// (330103 下城区), so an unknown region is no proof of a bad number.

import { isDashCode, isInvisibleCode, isWhitespaceCode } from './chars.js';
import { isRealDate, isYearInRange, readDigits } from './calendar.js';
import type { Normalized } from './normalized.js';

/** Weight of position i is 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (sum of weighted digits) mod 11. */
const CHECK_CHARS = '10X98765432';
const X = 0x58;

export interface IdInfo {
  /** The first 6 digits: the GB/T 2260 region code at the time of issue. */
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
}

export interface NormalizedId extends Normalized<string> {
  /** True when a 15-digit legacy number was upgraded to 18. */
  upgradedFrom15: boolean;
  /** Facts encoded in a valid number; null when the number is not valid. */
  info: IdInfo | null;
}

/** ISO 7064 MOD 11-2 check character of 17 digits; '' when the input is not 17 ASCII digits. */
export function computeIdCheckChar(first17: string): string {
  return first17.length === 17 ? checkCharOf(first17) : '';
}

/** Check character of the first 17 characters of `text` ('' if one is not a digit). */
function checkCharOf(text: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return '';
    sum += d * WEIGHTS[i]!;
  }
  return CHECK_CHARS.charAt(sum % 11);
}

/** 17 digits then a digit or upper-case X; no checksum test. */
function hasIdShape(id: string): boolean {
  if (id.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const last = id.charCodeAt(17);
  return (last >= 48 && last <= 57) || last === X;
}

function hasPlausibleBirthDate(id18: string): boolean {
  const year = readDigits(id18, 6, 4);
  return isYearInRange(year) && isRealDate(year, readDigits(id18, 10, 2), readDigits(id18, 12, 2));
}

/** 18 characters in the standard form, a correct check character and a real birth date. */
export function isValidIdNumber(id: string): boolean {
  return (
    hasIdShape(id) &&
    hasPlausibleBirthDate(id) &&
    checkCharOf(id) === id.charAt(17)
  );
}

/** Full-width digits to ASCII, x to X; spaces, dashes and invisible characters removed. */
export function cleanIdNumber(raw: string): string {
  if (isDigitsOrX(raw)) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === X) out += raw.charAt(i);
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c === 0x78 || c === 0xff38 || c === 0xff58) out += 'X';
    else if (!(isWhitespaceCode(c) || isDashCode(c) || isInvisibleCode(c))) out += raw.charAt(i);
  }
  return out;
}

function isDigitsOrX(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && c !== X) return false;
  }
  return true;
}

/** 15-digit legacy number to 18 digits (century 19 inserted, check character appended). */
export function upgradeIdNumber15(id15: string): string | null {
  if (id15.length !== 15 || readDigits(id15, 0, 15) < 0) return null;
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  if (!hasPlausibleBirthDate(first17)) return null;
  return first17 + computeIdCheckChar(first17);
}

/** Region, birth date and sex read from an 18-character number (the checksum is not tested). */
export function deriveIdInfo(id18: string): IdInfo | null {
  if (!hasIdShape(id18) || !hasPlausibleBirthDate(id18)) return null;
  return readInfo(id18);
}

function readInfo(id18: string): IdInfo {
  return {
    region: id18.slice(0, 6),
    birthDate: `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`,
    sex: (id18.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
  };
}

const ALL_CHECK_CHARS = '0123456789X';

/**
 * Valid numbers one typing slip away: one character replaced, or two neighbours swapped. MOD 11-2
 * catches every such slip, so a valid number has no suggestions and a slip of a valid number
 * always lists the original.
 */
export function suggestIdCorrections(id: string): string[] {
  const cleaned = cleanIdNumber(id);
  if (cleaned.length !== 18) return [];
  const found = new Set<string>();
  for (let i = 0; i < 18; i++) {
    const alphabet = i === 17 ? ALL_CHECK_CHARS : ALL_CHECK_CHARS.slice(0, 10);
    for (const ch of alphabet) {
      if (ch === cleaned[i]) continue;
      const candidate = cleaned.slice(0, i) + ch + cleaned.slice(i + 1);
      if (isValidIdNumber(candidate)) found.add(candidate);
    }
  }
  for (let i = 0; i < 17; i++) {
    if (cleaned[i] === cleaned[i + 1]) continue;
    const candidate = cleaned.slice(0, i) + cleaned.charAt(i + 1) + cleaned.charAt(i) + cleaned.slice(i + 2);
    if (isValidIdNumber(candidate)) found.add(candidate);
  }
  return [...found].sort();
}

function failed(raw: string, value: string | null, issue: string): NormalizedId {
  return { raw, value, ok: false, issue, upgradedFrom15: false, info: null };
}

/**
 * The standard 18-character form. A number that fails is kept (cleaned) as `value` with ok:false,
 * because it still helps matching: issue `empty`, `bad_chars`, `bad_length`, `bad_date` or
 * `bad_checksum`.
 */
export function normalizeIdNumber(raw: string): NormalizedId {
  const trimmed = raw.trim();
  const cleaned = cleanIdNumber(trimmed);
  const length = cleaned.length;
  if (length === 0) return failed(trimmed, null, 'empty');
  for (let i = 0; i < length; i++) {
    const c = cleaned.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c === X && i === 17)) continue;
    // A trailing X on a number of the wrong length is a length problem, not a character problem.
    const isTrailingX = c === X && i === length - 1;
    return failed(trimmed, cleaned, isTrailingX && length !== 18 ? 'bad_length' : 'bad_chars');
  }
  if (length === 15) {
    const upgraded = upgradeIdNumber15(cleaned);
    if (upgraded === null) return failed(trimmed, cleaned, 'bad_date');
    return { raw: trimmed, value: upgraded, ok: true, upgradedFrom15: true, info: readInfo(upgraded) };
  }
  if (length !== 18) return failed(trimmed, cleaned, 'bad_length');
  if (!hasPlausibleBirthDate(cleaned)) return failed(trimmed, cleaned, 'bad_date');
  if (checkCharOf(cleaned) !== cleaned.charAt(17)) return failed(trimmed, cleaned, 'bad_checksum');
  return { raw: trimmed, value: cleaned, ok: true, upgradedFrom15: false, info: readInfo(cleaned) };
}
