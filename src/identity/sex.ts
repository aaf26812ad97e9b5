// 性别 (GB/T 2261.1-2003): 1 男, 2 女, 0 未知的性别, 9 未说明的性别. Stored as M / F.

import { rejected, accepted, type Normalized } from './normalized.js';
import { cleanText } from './text.js';

const SEX_WORDS: ReadonlyMap<string, 'M' | 'F' | null> = new Map<string, 'M' | 'F' | null>([
  ...['男', '男性', '男士', 'm', 'male', 'man', '1'].map((w) => [w, 'M'] as const),
  ...['女', '女性', '女士', 'f', 'female', 'woman', '2'].map((w) => [w, 'F'] as const),
  ...['0', '9', '未知', '未知的性别', '未说明', '未说明的性别', '不详', 'unknown', 'u'].map((w) => [w, null] as const),
]);

/** M or F; `unknown_sex` for the GB/T 2261.1 unknown codes, `bad_sex` for anything else. */
export function normalizeSex(raw: string): Normalized<'M' | 'F'> {
  const trimmed = raw.trim();
  const key = cleanText(trimmed).toLowerCase();
  if (key === '') return rejected(trimmed, 'empty');
  const sex = SEX_WORDS.get(key);
  if (sex === undefined) return rejected(trimmed, 'bad_sex');
  if (sex === null) return rejected(trimmed, 'unknown_sex');
  return accepted(trimmed, sex);
}
