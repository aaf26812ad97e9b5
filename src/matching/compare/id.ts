// Id number levels: equal → one edit (for resident ids a single replaced character, which the
// MOD 11-2 checksum always flags; for other id types also one character dropped or added) →
// two neighbours swapped → the 15- and 18-digit forms of one number → different.

import type { RecordFeatures } from '../features.js';

export const idLevels = ['equal', 'one_edit', 'adjacent_swap', 'forms_15_18', 'different'] as const;
export const ID_EQUAL = 0;
export const ID_DIFFERENT = 4;

/** 1 for one replaced character, 2 for two neighbours swapped, 0 otherwise; one pass, stops early. */
function slip(a: string, b: string): number {
  if (a.length !== b.length) return 0;
  let first = -1;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) === b.charCodeAt(i)) continue;
    if (++count > 2) return 0;
    if (count === 1) first = i;
    else if (i !== first + 1) return 0;
  }
  if (count === 1) return 1;
  return count === 2 && a.charCodeAt(first) === b.charCodeAt(first + 1) && a.charCodeAt(first + 1) === b.charCodeAt(first) ? 2 : 0;
}

/** One character dropped from the longer string gives the shorter one. */
function isOneInsertion(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && long.charCodeAt(i) === short.charCodeAt(i)) i++;
  return long.slice(i + 1) === short.slice(i);
}

/** Level of two records' ids, or -1 when not comparable (missing, different id types, or an id that is not its holder's). */
export function idLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.id18 === null || b.id18 === null || a.idType !== b.idType) return -1;
  if (a.idOwnerMismatch || b.idOwnerMismatch) return -1;
  if (a.id18 === b.id18) return a.idWritten15 === b.idWritten15 ? ID_EQUAL : 3;
  const kind = slip(a.id18, b.id18);
  if (kind !== 0) return kind;
  if (!a.isResidentId && (isOneInsertion(a.id18, b.id18) || isOneInsertion(b.id18, a.id18))) return 1;
  return ID_DIFFERENT;
}
