// Address levels, by GB/T 2260 division code first and then the detail text: same place → detail
// close → same county → detail partly alike → same prefecture → different. Used for the hukou and
// the residence address alike. Regions arrive as significant prefixes (440305, 4403 for 440300,
// 44 for 440000) so that a county lies inside its prefecture by a prefix test.

import { dice } from './text-similarity.js';

export const addressLevels = ['same_place', 'detail_close', 'same_region', 'detail_partial', 'same_city', 'different'] as const;

const CLOSE = 0.8;
const PARTIAL = 0.5;


/** Level of two addresses, or -1 when nothing comparable is known on both sides. */
export function addressLevel(regionA: string | null, gramsA: Uint32Array | null, regionB: string | null, gramsB: Uint32Array | null): number {
  const regionsKnown = regionA !== null && regionB !== null;
  const details = gramsA !== null && gramsB !== null;
  if (!regionsKnown && !details) return -1;
  // One code may be deeper (a township inside the county): prefixes are compatible.
  const compatible = !regionsKnown || regionA.startsWith(regionB) || regionB.startsWith(regionA);
  let similarity = 0;
  if (compatible && details) {
    // Equal texts have equal bigrams (the engine keeps only the bigrams of a detail).
    similarity = gramsA === gramsB ? 1 : dice(gramsA, gramsB);
    if (similarity === 1) return 0;
    if (similarity >= CLOSE) return 1;
  }
  if (regionsKnown && regionA.length === 6 && regionA === regionB) return 2;
  if (similarity >= PARTIAL) return 3;
  if (regionsKnown && regionA.length >= 4 && regionB.length >= 4 && regionA.slice(0, 4) === regionB.slice(0, 4)) return 4;
  return 5;
}

/** 440305 → 440305, 440300 → 4403, 440000 → 44: the digits that name the division. */
export function regionPrefix(code: string | null): string | null {
  if (code === null || code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  return code.endsWith('00') ? code.slice(0, 4) : code;
}
