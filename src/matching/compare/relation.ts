// Family ties a row carries: the same guardian of the same child is evidence for the child, a
// different guardian (weak) evidence against. Only ties of the same type and direction compare.

import type { RecordFeatures, RelatedFeatures } from '../features.js';

export const relationLevels = ['same_related', 'different_related'] as const;

function samePerson(x: RelatedFeatures, y: RelatedFeatures): boolean {
  if (x.id !== null && y.id !== null) return x.id === y.id;
  if (x.nameKey === null || x.nameKey !== y.nameKey) return false;
  return (x.birth !== null && x.birth === y.birth) || (x.phone !== null && x.phone === y.phone);
}

function clearlyDifferent(x: RelatedFeatures, y: RelatedFeatures): boolean {
  if (x.id !== null && y.id !== null) return x.id !== y.id;
  return x.nameKey !== null && y.nameKey !== null && x.nameKey !== y.nameKey;
}

/** Level of two records' ties, or -1 when they share no type of tie. */
export function relationLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.related.length === 0 || b.related.length === 0) return -1;
  let comparable = false;
  let different = false;
  for (const x of a.related) {
    for (const y of b.related) {
      if (x.tie !== y.tie) continue;
      comparable = true;
      if (samePerson(x, y)) return 0;
      if (clearlyDifferent(x, y)) different = true;
    }
  }
  return comparable && different ? 1 : -1;
}
