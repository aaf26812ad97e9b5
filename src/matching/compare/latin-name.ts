// Latin names that are not compared as pinyin (rosters of english given names and surnames):
// the given name and the surname are two comparisons, each exact → swapped (the parts came in the
// other order) → Jaro-Winkler close → similar → different. The orientation is chosen once per
// pair: crossed when crossing the parts fits clearly better than keeping them.

import type { RecordFeatures } from '../features.js';
import { NAME_LATIN } from '../name-features.js';
import { jaroWinkler } from './jaro-winkler.js';

export const latinPartLevels = ['exact', 'swapped', 'close', 'similar', 'different'] as const;
export const PART_EXACT = 0;
export const PART_SWAPPED = 1;

const CLOSE = 0.92;
const SIMILAR = 0.8;

function jw(x: string | null, y: string | null): number {
  return x === null || y === null ? 0 : jaroWinkler(x, y);
}

/** True when the two latin names fit better with given name and surname crossed. */
export function isCrossed(a: RecordFeatures, b: RecordFeatures): boolean {
  const straight = jw(a.name.given, b.name.given) + jw(a.name.surname, b.name.surname);
  if (straight >= 1.9) return false;
  const crossed = jw(a.name.given, b.name.surname) + jw(a.name.surname, b.name.given);
  return crossed > straight + 0.15;
}

function partLevel(x: string | null, y: string | null, crossed: boolean): number {
  if (x === null || y === null) return -1;
  if (x === y) return crossed ? PART_SWAPPED : PART_EXACT;
  const s = jaroWinkler(x, y);
  if (s >= CLOSE) return 2;
  if (s >= SIMILAR) return 3;
  return 4;
}

/** Levels of the given name and the surname, written into out[at] and out[at + 1]. */
export function compareLatinParts(a: RecordFeatures, b: RecordFeatures, out: Int8Array, at: number): void {
  if (a.name.nameKind !== NAME_LATIN || b.name.nameKind !== NAME_LATIN) {
    out[at] = -1;
    out[at + 1] = -1;
    return;
  }
  const crossed = isCrossed(a, b);
  out[at] = partLevel(a.name.given, crossed ? b.name.surname : b.name.given, crossed);
  out[at + 1] = partLevel(a.name.surname, crossed ? b.name.given : b.name.surname, crossed);
}
