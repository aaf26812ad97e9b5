// 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
// alphabet (digits and capitals without I, O, S, V, Z); the last is a MOD 31 check character.
// Only that check is tested; the embedded organisation code keeps its own older check, which some
// issued codes do not satisfy.

import { isDashCode, isInvisibleCode, isWhitespaceCode } from './chars.js';
import type { Normalized } from './normalized.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

function valueOf(code: string, i: number): number {
  return ALPHABET.indexOf(code.charAt(i));
}

/** Check character for the first 17 characters, or '' when one is outside the alphabet. */
export function computeCreditCheckChar(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueOf(first17, i);
    if (v < 0) return '';
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && valueOf(code, 17) >= 0 && computeCreditCheckChar(code.slice(0, 17)) === code.charAt(17);
}

function dropSpacing(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(isWhitespaceCode(c) || isDashCode(c) || isInvisibleCode(c))) out += text.charAt(i);
  }
  return out;
}

/**
 * Upper case, full-width folded, spaces and dashes dropped. NFKC and upper-casing can each undo
 * the other's work on exotic input, so the steps repeat until nothing changes (ASCII: one pass).
 */
function cleanCreditCode(raw: string): string {
  let text = raw;
  for (let pass = 0; pass < 4; pass++) {
    const next = dropSpacing(text.normalize('NFKC')).toUpperCase();
    if (next === text) break;
    text = next;
  }
  return text;
}

/** The 18-character code; a failing code is kept cleaned with issue `empty`, `bad_length`, `bad_chars` or `bad_checksum`. */
export function normalizeCreditCode(raw: string): Normalized<string> {
  const trimmed = raw.trim();
  const cleaned = cleanCreditCode(trimmed);
  const fail = (issue: string): Normalized<string> => ({ raw: trimmed, value: cleaned === '' ? null : cleaned, ok: false, issue });
  if (cleaned === '') return fail('empty');
  for (let i = 0; i < cleaned.length; i++) if (valueOf(cleaned, i) < 0) return fail('bad_chars');
  if (cleaned.length !== 18) return fail('bad_length');
  if (!isValidCreditCode(cleaned)) return fail('bad_checksum');
  return { raw: trimmed, value: cleaned, ok: true };
}
