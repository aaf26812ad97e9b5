// Chinese name levels: exact → same after traditional-to-simplified → same toneless pinyin →
// same fuzzy pinyin (z/zh, n/l, an/ang...) → look-alike characters → given-name characters
// swapped → one character added, dropped or replaced → different. A hanzi name against a pinyin
// roster (`ZHANG Wei` against 张伟) compares through the script-independent pinyin key. Two latin
// names compare by parts instead (latin-name.ts), so this comparison is null for them.

import { NAME_HANZI, NAME_LATIN, NAME_NONE, type RecordFeatures } from '../features.js';
import { isLookAlike } from './lookalike.js';

export const nameLevels = [
  'exact',
  'simplified',
  'pinyin',
  'fuzzy_pinyin',
  'lookalike',
  'given_swapped',
  'one_char',
  'different',
] as const;
export const NAME_EXACT = 0;
export const NAME_SIMPLIFIED = 1;
export const NAME_PINYIN = 2;
export const NAME_FUZZY = 3;
export const NAME_LOOKALIKE = 4;
export const NAME_SWAPPED = 5;
export const NAME_ONE_CHAR = 6;
export const NAME_DIFFERENT = 7;

/** Same number of code points and every differing pair looks alike (at least one differs). */
function isLookAlikeName(a: string, b: string): boolean {
  const ca = Array.from(a);
  const cb = Array.from(b);
  if (ca.length !== cb.length) return false;
  let differing = 0;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i]!.codePointAt(0)!;
    const y = cb[i]!.codePointAt(0)!;
    if (x === y) continue;
    if (!isLookAlike(x, y)) return false;
    differing++;
  }
  return differing > 0;
}

/** Exactly one code point replaced, added or dropped (names of two or more characters). */
function isOneCharEdit(a: string, b: string): boolean {
  const ca = Array.from(a);
  const cb = Array.from(b);
  const [long, short] = ca.length >= cb.length ? [ca, cb] : [cb, ca];
  if (short.length < 2 || long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long[i] === short[i]) i++;
  if (long.length === short.length) {
    for (let j = i + 1; j < long.length; j++) if (long[j] !== short[j]) return false;
    return true;
  }
  for (let j = i; j < short.length; j++) if (long[j + 1] !== short[j]) return false;
  return true;
}

function crossScriptLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.comparableKey === null || b.comparableKey === null) return -1;
  if (a.comparableKey === b.comparableKey) return NAME_PINYIN;
  if (a.comparableFuzzy === b.comparableFuzzy) return NAME_FUZZY;
  return NAME_DIFFERENT;
}

/** Level of two records' names, or -1 (missing, or two latin names: see latin-name.ts). */
export function nameLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.nameKind === NAME_NONE || b.nameKind === NAME_NONE) return -1;
  if (a.nameKind === NAME_LATIN && b.nameKind === NAME_LATIN) return -1;
  if (a.nameKind !== NAME_HANZI || b.nameKind !== NAME_HANZI) return crossScriptLevel(a, b);
  if (a.nameExact === b.nameExact) return NAME_EXACT;
  const sa = a.nameSimplified!;
  const sb = b.nameSimplified!;
  if (sa === sb) return NAME_SIMPLIFIED;
  if (a.pinyin !== null && a.pinyin === b.pinyin) return NAME_PINYIN;
  if (a.fuzzy !== null && a.fuzzy === b.fuzzy) return NAME_FUZZY;
  if (isLookAlikeName(sa, sb)) return NAME_LOOKALIKE;
  if (a.swapKey !== null && a.swapKey === b.swapKey) return NAME_SWAPPED;
  if (isOneCharEdit(sa, sb)) return NAME_ONE_CHAR;
  return NAME_DIFFERENT;
}
