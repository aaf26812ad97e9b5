// Chinese name levels: exact → same after traditional-to-simplified → same toneless pinyin →
// same fuzzy pinyin (z/zh, n/l, an/ang...) → look-alike characters → given-name characters
// swapped → one character added, dropped or replaced → different. A hanzi name against a pinyin
// roster (`ZHANG Wei` against 张伟) compares through the script-independent pinyin key. Two latin
// names compare by parts instead (latin-name.ts), so this comparison is null for them.

import type { RecordFeatures } from '../features.js';
import { NAME_HANZI, NAME_LATIN, NAME_NONE } from '../name-features.js';
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

function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Same length and every differing character looks alike (at least one differs). UTF-16 units: see nameLevel. */
function isLookAlikeName(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (!isLookAlike(x, y)) return false;
    differing++;
  }
  return differing > 0;
}

/** Exactly one character replaced, added or dropped (names of two or more characters). */
function isOneCharEdit(a: string, b: string): boolean {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (short.length < 2 || long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  if (long.length === short.length) {
    for (let j = i + 1; j < long.length; j++) if (long.charCodeAt(j) !== short.charCodeAt(j)) return false;
    return true;
  }
  for (let j = i; j < short.length; j++) if (long.charCodeAt(j + 1) !== short.charCodeAt(j)) return false;
  return true;
}

/** The same two tests on code points, for the rare names with characters beyond the BMP. */
function byCodePoints(a: string, b: string, test: (x: string, y: string) => boolean): boolean {
  const map = new Map<string, string>();
  const encode = (text: string): string =>
    Array.from(text, (ch) => {
      if (ch.length === 1) return ch;
      let code = map.get(ch);
      if (code === undefined) {
        code = String.fromCharCode(0xe000 + map.size); // a private-use stand-in, one unit long
        map.set(ch, code);
      }
      return code;
    }).join('');
  return test(encode(a), encode(b));
}

function crossScriptLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.name.comparableKey === null || b.name.comparableKey === null) return -1;
  if (a.name.comparableKey === b.name.comparableKey) return NAME_PINYIN;
  if (a.name.comparableFuzzy === b.name.comparableFuzzy) return NAME_FUZZY;
  return NAME_DIFFERENT;
}

/** Level of two records' names, or -1 (missing, or two latin names: see latin-name.ts). */
export function nameLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.name.nameKind === NAME_NONE || b.name.nameKind === NAME_NONE) return -1;
  if (a.name.nameKind === NAME_LATIN && b.name.nameKind === NAME_LATIN) return -1;
  if (a.name.nameKind !== NAME_HANZI || b.name.nameKind !== NAME_HANZI) return crossScriptLevel(a, b);
  if (a.name.nameExact === b.name.nameExact) return NAME_EXACT;
  const sa = a.name.nameSimplified!;
  const sb = b.name.nameSimplified!;
  if (sa === sb) return NAME_SIMPLIFIED;
  if (a.name.pinyin !== null && a.name.pinyin === b.name.pinyin) return NAME_PINYIN;
  if (a.name.fuzzy !== null && a.name.fuzzy === b.name.fuzzy) return NAME_FUZZY;
  // Hanzi names are compared by UTF-16 units (one per character); names with characters beyond
  // the BMP (rare: 𠇔) go through code points.
  const astral = hasSurrogate(sa) || hasSurrogate(sb);
  if (astral ? byCodePoints(sa, sb, isLookAlikeName) : isLookAlikeName(sa, sb)) return NAME_LOOKALIKE;
  if (a.name.swapKey !== null && a.name.swapKey === b.name.swapKey) return NAME_SWAPPED;
  if (astral ? byCodePoints(sa, sb, isOneCharEdit) : isOneCharEdit(sa, sb)) return NAME_ONE_CHAR;
  return NAME_DIFFERENT;
}
