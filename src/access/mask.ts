// Masking (去标识化展示) of the fields spec/api.md names: id number 110105********002X (first 6,
// last 4), phone 138****1234, name 张* / 欧阳**. Whatever the input, the output never holds more of
// the value than those rules keep: short or odd values are masked harder, never less.

import { hanziSurnameLength } from '../identity/surnames.js';

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

export function maskIdNumber(value: string): string {
  const v = [...value];
  if (v.length >= 15) return v.slice(0, 6).join('') + stars(v.length - 10) + v.slice(-4).join('');
  // Passports and permits: keep the last two only.
  if (v.length > 4) return stars(v.length - 2) + v.slice(-2).join('');
  return stars(v.length);
}

export function maskPhone(value: string): string {
  const v = [...value];
  if (v.length === 11 && /^1\d{10}$/.test(value)) return v.slice(0, 3).join('') + '****' + v.slice(-4).join('');
  if (v.length >= 8) return v.slice(0, 3).join('') + stars(v.length - 7) + v.slice(-4).join('');
  return stars(v.length);
}

const HAN = /\p{Script=Han}/u;

export function maskName(value: string): string {
  const chars = [...value];
  if (chars.length === 0) return '';
  if (HAN.test(chars[0] ?? '')) {
    if (chars.length === 1) return '*';
    // hanziSurnameLength counts UTF-16 units; a surname outside the BMP is still one character.
    const surname = Math.min(Math.max(1, [...value.slice(0, hanziSurnameLength(value))].length), chars.length - 1);
    return chars.slice(0, surname).join('') + stars(chars.length - surname);
  }
  // Latin names: the first letter of each word.
  return value.split(/\s+/).map((w) => ([...w][0] ?? '') + stars([...w].length - 1)).join(' ');
}

/**
 * A birth date keeps its year (age is what a service window needs), every other digit starred:
 * 1990-05-24 → 1990-**-**, 1990年5月3日 → 1990年*月*日. Its month and day are eight of the id
 * number's digits, the very ones the id's mask hides: shown beside a masked id they would unmask
 * it. A value that does not begin with its year has every digit starred.
 */
export function maskBirthDate(value: string): string {
  const year = /^\d{4}/.test(value) ? value.slice(0, 4) : '';
  return year + value.slice(year.length).replace(/\d/g, '*');
}

/** Street detail of an address: the first four characters (usually the street or community), then stars. */
export function maskDetail(value: string): string {
  const chars = [...value];
  if (chars.length <= 4) return stars(chars.length);
  return chars.slice(0, 4).join('') + '****';
}

/** Any other text: nothing shown but its length class. */
export function maskText(value: string): string {
  return stars(Math.min([...value].length, 6));
}
