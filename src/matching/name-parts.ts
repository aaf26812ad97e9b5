// Splitting names into surname and given name: compound hanzi surnames (the given-name swap level
// needs to know where the surname ends) and latin names written in either order.

const compoundSurnames = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '万俟', '澹台', '独孤', '端木', '南宫', '西门', '呼延', '申屠', '闻人',
  '钟离', '赫连', '公冶', '太史', '仲孙', '濮阳', '淳于', '单于', '百里', '东郭', '南门', '羊舌',
]);

/** How many leading characters of a hanzi name are the surname (1, or 2 for 欧阳, 司马...). */
export function surnameLength(name: string): number {
  return name.length >= 3 && compoundSurnames.has(name.slice(0, 2)) ? 2 : 1;
}

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
