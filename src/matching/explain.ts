// Why two records would or would not link: the probability, each comparison level and its weight
// in bits, and what a common name takes off. What a reviewer sees beside a pair.

import { compareRecords, COMPARISON_COUNT, levelNames } from './compare/index.js';
import type { RecordFeatures } from './features.js';
import { explainLevels, probabilityOf, scoreLevels, termFrequencyBits, type CompiledModel } from './model.js';
import type { PairExplanation } from './resolver-types.js';

export function explainPair(cm: CompiledModel, a: RecordFeatures, b: RecordFeatures): PairExplanation {
  const levels = new Int8Array(COMPARISON_COUNT);
  compareRecords(a, b, levels);
  const score = scoreLevels(cm, a, levels);
  return {
    probability: probabilityOf(score),
    score,
    priorBits: cm.priorBits,
    levels: levelNames(levels),
    weights: explainLevels(cm, levels),
    termFrequencyBits: termFrequencyBits(cm, a, levels),
  };
}
