// Splitting latin names into given name and surname, whichever order they were written in.

export interface LatinNameParts {
  given: string | null;
  surname: string | null;
}

function isUpperWord(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function part(text: string | null): string | null {
  const cleaned = text?.trim().toLowerCase().replace(/\s+/g, ' ') ?? '';
  return cleaned === '' ? null : cleaned;
}

/**
 * Given name and surname of a latin name, lower-case. Split fields win; otherwise `Smith, John`
 * puts the surname first, an all-capitals word among others is the surname (`ZHANG Wei`, the
 * passport style), and else the last word is the surname (`Wei Zhang`).
 */
export function parseLatinName(name: string, given: string | null, surname: string | null): LatinNameParts {
  if (given !== null || surname !== null) return { given: part(given), surname: part(surname) };
  const comma = name.indexOf(',');
  if (comma >= 0) return { given: part(name.slice(comma + 1)), surname: part(name.slice(0, comma)) };
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { given: null, surname: null };
  if (words.length === 1) return { given: null, surname: part(words[0]!) };
  const upper = words.filter(isUpperWord);
  if (upper.length > 0 && upper.length < words.length) {
    return { given: part(words.filter((w) => !isUpperWord(w)).join(' ')), surname: part(upper.join(' ')) };
  }
  return { given: part(words.slice(0, -1).join(' ')), surname: part(words[words.length - 1]!) };
}
