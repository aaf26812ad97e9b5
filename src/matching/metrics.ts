// Scoring a clustering against the truth: pairwise precision/recall/F1, B-cubed, and blocking
// recall. Pure functions over label arrays (item i is predicted in cluster predicted[i] and truly
// belongs to truth[i]), so the benchmark and the tests share them.

export interface PairwiseScores {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface BCubedScores {
  precision: number;
  recall: number;
  f1: number;
}

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

function harmonic(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function countBy(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

function jointCounts(predicted: readonly string[], truth: readonly string[]): Map<string, number> {
  const joint = new Map<string, number>();
  for (let i = 0; i < predicted.length; i++) {
    const k = `${predicted[i]}\u0000${truth[i]}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  return joint;
}

function checkLengths(predicted: readonly string[], truth: readonly string[]): void {
  if (predicted.length !== truth.length) throw new RangeError('predicted and truth differ in length');
}

/** Pairwise scores: a pair counts when both items share a cluster. Empty sets score 1 (nothing to get wrong). */
export function pairwiseScores(predicted: readonly string[], truth: readonly string[]): PairwiseScores {
  checkLengths(predicted, truth);
  let predictedPairs = 0;
  for (const n of countBy(predicted).values()) predictedPairs += pairs(n);
  let truePairs = 0;
  for (const n of countBy(truth).values()) truePairs += pairs(n);
  let correctPairs = 0;
  for (const n of jointCounts(predicted, truth).values()) correctPairs += pairs(n);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1: harmonic(precision, recall) };
}

/** B-cubed: per item, the share of its predicted cluster that truly belongs with it, and vice versa. */
export function bCubedScores(predicted: readonly string[], truth: readonly string[]): BCubedScores {
  checkLengths(predicted, truth);
  const n = predicted.length;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };
  const predictedSize = countBy(predicted);
  const truthSize = countBy(truth);
  const joint = jointCounts(predicted, truth);
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < n; i++) {
    const both = joint.get(`${predicted[i]}\u0000${truth[i]}`)!;
    precision += both / predictedSize.get(predicted[i]!)!;
    recall += both / truthSize.get(truth[i]!)!;
  }
  precision /= n;
  recall /= n;
  return { precision, recall, f1: harmonic(precision, recall) };
}

/**
 * Blocking recall: the share of true pairs the blocking let the engine compare. `compared(i, j)`
 * answers for item indices i < j.
 */
export function blockingRecall(truth: readonly string[], compared: (i: number, j: number) => boolean): number {
  const members = new Map<string, number[]>();
  truth.forEach((label, i) => {
    const list = members.get(label);
    if (list === undefined) members.set(label, [i]);
    else list.push(i);
  });
  let total = 0;
  let found = 0;
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        total++;
        if (compared(list[x]!, list[y]!)) found++;
      }
    }
  }
  return total === 0 ? 1 : found / total;
}
