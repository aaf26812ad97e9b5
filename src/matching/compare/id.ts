// Id number levels: equal → one edit (for resident ids a single replaced character, which the
// MOD 11-2 checksum always flags; for other id types also one character dropped or added) →
// two neighbours swapped → the 15- and 18-digit forms of one number → different.

import { isOneTypo } from './birth.js';
import type { RecordFeatures } from '../features.js';

export const idLevels = ['equal', 'one_edit', 'adjacent_swap', 'forms_15_18', 'different'] as const;
export const ID_EQUAL = 0;
export const ID_DIFFERENT = 4;

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (count === 0) first = i;
      if (++count > 2) return false;
    }
  }
  return count === 2 && a.charCodeAt(first) === b.charCodeAt(first + 1) && a.charCodeAt(first + 1) === b.charCodeAt(first);
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
  if (a.id18 === b.id18) return a.idForm!.length === b.idForm!.length ? ID_EQUAL : 3;
  if (isSwap(a.id18, b.id18)) return 2;
  if (isOneTypo(a.id18, b.id18)) return 1;
  if (!a.isResidentId && (isOneInsertion(a.id18, b.id18) || isOneInsertion(b.id18, a.id18))) return 1;
  return ID_DIFFERENT;
}
