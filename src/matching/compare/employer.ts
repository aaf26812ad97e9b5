// Employer levels: equal (same credit code, or same name) → similar name → different.

import { dice } from './text-similarity.js';
import type { RecordFeatures } from '../features.js';

export const employerLevels = ['equal', 'similar', 'different'] as const;

const SIMILAR = 0.7;

export function employerLevel(a: RecordFeatures, b: RecordFeatures): number {
  if (a.employerCode !== null && b.employerCode !== null) return a.employerCode === b.employerCode ? 0 : 2;
  if (a.employer === null || b.employer === null) return -1;
  if (a.employer === b.employer) return 0;
  return dice(a.employerGrams!, b.employerGrams!) >= SIMILAR ? 1 : 2;
}
