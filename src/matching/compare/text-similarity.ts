// Similarity of free text (address detail, employer names) as the Dice coefficient of character
// bigrams. Bigrams are computed once per record and kept as a sorted typed array, so comparing two
// records is one allocation-free merge; it works the same for hanzi and latin text.

/** Sorted bigrams of the text, lower-cased, whitespace runs as one space; a one-character text is one gram. */
export function bigrams(text: string): Uint32Array {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (t.length <= 1) return Uint32Array.of(t.length === 0 ? 0 : t.charCodeAt(0));
  const out = new Uint32Array(t.length - 1);
  for (let i = 0; i + 1 < t.length; i++) out[i] = ((t.charCodeAt(i) << 16) | t.charCodeAt(i + 1)) >>> 0;
  return out.sort();
}

/** Dice coefficient of two sorted bigram multisets, in [0, 1]. */
export function dice(a: Uint32Array, b: Uint32Array): number {
  const la = a.length;
  const lb = b.length;
  return la + lb === 0 ? 1 : (2 * commonGrams(a, b)) / (la + lb);
}

/** How many grams two sorted gram lists have in common (as multisets): one merge. */
export function commonGrams(a: Uint32Array, b: Uint32Array): number {
  const la = a.length;
  const lb = b.length;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < la && j < lb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common;
}
