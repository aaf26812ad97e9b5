// Phone levels: equal → one digit slip (replaced or neighbours swapped) → different. A person's
// past phones count through their other records: the engine compares a new record with every
// record of a candidate person, so an old number still links.

import { isOneTypo } from './birth.js';

export const phoneLevels = ['equal', 'one_digit', 'different'] as const;

export function phoneLevel(a: string, b: string): number {
  if (a === b) return 0;
  return isOneTypo(a, b) ? 1 : 2;
}
