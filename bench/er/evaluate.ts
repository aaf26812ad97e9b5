// Runs the engine on one labelled dataset and scores it beside a baseline in the same run:
// train a model from the records, resolve them batch by batch (a batch per source), then
// pairwise precision/recall/F1, B-cubed, blocking recall, speed, and the error cases left.

import {
  bCubedScores,
  blockingReport,
  extractFeatures,
  pairwiseScores,
  Resolver,
  seededRandom,
  trainModel,
  type BCubedScores,
  type MatchInput,
  type PairwiseScores,
} from '../../src/matching/index.js';

export interface LabelledRecord {
  input: MatchInput;
  /** The true person. */
  entity: string;
  /** Short text to show in error cases. */
  label: string;
}

export interface ScoreSet {
  pairwise: PairwiseScores;
  bcubed: BCubedScores;
}

export interface Evaluation {
  records: number;
  engine: ScoreSet;
  baseline: ScoreSet;
  blockingRecall: number;
  comparisons: number;
  trainSeconds: number;
  resolveSeconds: number;
  falsePositives: string[];
  falseNegatives: string[];
}

function scores(predicted: string[], truth: string[]): ScoreSet {
  return { pairwise: pairwiseScores(predicted, truth), bcubed: bCubedScores(predicted, truth) };
}

/** Pairs that the engine put together but are different people, and the reverse, with the model's view. */
function errorCases(resolver: Resolver, records: readonly LabelledRecord[], predicted: string[], limit: number): { fp: string[]; fn: string[] } {
  const fp: string[] = [];
  const fn: string[] = [];
  const describe = (i: number, j: number): string => {
    const x = resolver.explain(records[i]!.input.key, records[j]!.input.key);
    const why = x === undefined ? '' : ` p=${x.probability.toFixed(3)} ${JSON.stringify(x.levels)}`;
    return `${records[i]!.label}  ~  ${records[j]!.label}${why}`;
  };
  const groups = (labels: string[]): number[][] => {
    const by = new Map<string, number[]>();
    labels.forEach((l, i) => (by.get(l) ?? by.set(l, []).get(l)!).push(i));
    return [...by.values()];
  };
  for (const members of groups(predicted)) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!];
        if (records[i]!.entity !== records[j]!.entity && fp.length < limit) fp.push(describe(i, j));
      }
    }
  }
  for (const members of groups(records.map((r) => r.entity))) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!];
        if (predicted[i] !== predicted[j] && fn.length < limit) fn.push(describe(i, j));
      }
    }
  }
  return { fp, fn };
}

/**
 * Evaluates the engine on `batches` (resolved in order, as separate arrivals) against the truth,
 * with `baselineKey` as the baseline: records linked only when their keys are equal and non-empty.
 */
export function evaluate(batches: readonly (readonly LabelledRecord[])[], baselineKey: (r: LabelledRecord) => string, errorLimit: number): Evaluation {
  const records = batches.flat();
  const truth = records.map((r) => r.entity);
  const inputs = records.map((r) => r.input);
  let started = performance.now();
  const model = trainModel(inputs, { random: seededRandom(20240601) });
  const trainSeconds = (performance.now() - started) / 1000;
  let next = 0;
  const resolver = new Resolver({ model, mintPersonId: () => `P${(++next).toString(36)}` });
  started = performance.now();
  let comparisons = 0;
  for (const batch of batches) comparisons += resolver.addBatch(batch.map((r) => r.input)).stats.comparisons;
  const resolveSeconds = (performance.now() - started) / 1000;
  const predicted = records.map((r) => resolver.personOf(r.input.key)!);
  const baseline = records.map((r, i) => {
    const key = baselineKey(r);
    return key === '' ? `#${i}` : `k:${key}`;
  });
  const report = blockingReport(inputs.map((input) => extractFeatures(input)), truth);
  const errors = errorCases(resolver, records, predicted, errorLimit);
  return {
    records: records.length,
    engine: scores(predicted, truth),
    baseline: scores(baseline, truth),
    blockingRecall: report.recall ?? 1,
    comparisons,
    trainSeconds,
    resolveSeconds,
    falsePositives: errors.fp,
    falseNegatives: errors.fn,
  };
}
