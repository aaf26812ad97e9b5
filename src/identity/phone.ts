// 联系电话: mobile numbers as 11 digits, landlines as "area code-number" (0755-88886666).
// Chinese area codes are 010, 02x (three digits) or 0xxx (four digits), so the split of an
// unseparated landline is unambiguous.

import type { Normalized } from './normalized.js';
import { cleanText } from './text.js';

export interface NormalizedPhone extends Normalized<string> {
  kind: 'mobile' | 'landline' | null;
}

function failed(raw: string, issue: string): NormalizedPhone {
  return { raw, value: null, ok: false, issue, kind: null };
}

/** Separators between several numbers in one cell: the first number is taken. */
function firstNumber(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f || c === 0x2c || c === 0x3b || c === 0x3001 || c === 0x7c) return text.slice(0, i);
  }
  return text;
}

/** Digits and a leading +; spaces, dashes, dots and parentheses dropped; null on any other char. */
function phoneDigits(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) out += text.charAt(i);
    else if (c === 0x2b && out === '') out = '+';
    else if (!(c === 0x20 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29)) return null;
  }
  return out;
}

function isMobile(d: string): boolean {
  const second = d.charCodeAt(1);
  return d.length === 11 && d.charCodeAt(0) === 49 && second >= 51 && second <= 57;
}

/** "075588886666" → "0755-88886666"; null when it is no Chinese landline. */
function formatLandline(d: string): string | null {
  if (d.charCodeAt(0) !== 48) return null;
  const second = d.charAt(1);
  if (second === '0' || (second === '1' && d.charAt(2) !== '0')) return null;
  const areaLength = second === '1' || second === '2' ? 3 : 4;
  const subscriber = d.slice(areaLength);
  if ((subscriber.length !== 7 && subscriber.length !== 8) || subscriber.charAt(0) === '0') return null;
  return `${d.slice(0, areaLength)}-${subscriber}`;
}

/**
 * Mobile → 11 digits starting 1[3-9] (+86, 0086, 86- and separators stripped); landline → with its
 * area code, "0755-12345678". Otherwise ok:false: `empty`, `no_area_code` (7–8 digits alone) or
 * `bad_phone`.
 */
export function normalizePhone(raw: string): NormalizedPhone {
  const trimmed = raw.trim();
  const text = firstNumber(cleanText(trimmed)).trim();
  if (text === '') return failed(trimmed, 'empty');
  let d = phoneDigits(text);
  if (d === null || d === '' || d === '+') return failed(trimmed, 'bad_phone');
  let international = false;
  if (d.startsWith('+')) {
    if (!d.startsWith('+86')) return failed(trimmed, 'bad_phone');
    d = d.slice(3);
    international = true;
  } else if (d.startsWith('0086')) {
    d = d.slice(4);
    international = true;
  } else if (d.length === 13 && d.startsWith('86') && isMobile(d.slice(2))) {
    d = d.slice(2);
  }
  // From abroad a landline is dialled without its leading 0: +86 755 8888 6666.
  if (international && !isMobile(d) && d.charAt(0) !== '0') d = `0${d}`;
  if (isMobile(d)) return { raw: trimmed, value: d, ok: true, kind: 'mobile' };
  const landline = formatLandline(d);
  if (landline !== null) return { raw: trimmed, value: landline, ok: true, kind: 'landline' };
  if (!international && (d.length === 7 || d.length === 8)) return failed(trimmed, 'no_area_code');
  return failed(trimmed, 'bad_phone');
}
