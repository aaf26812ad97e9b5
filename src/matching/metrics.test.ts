import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bCubedScores, blockingRecall, pairwiseScores } from './metrics.js';

describe('pairwiseScores', () => {
  it('counts pairs by hand on a small example', () => {
    // truth: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}
    // true pairs: 3 + 1 = 4; predicted pairs: 1 + 3 = 4; correct: (0,1) and (3,4) = 2.
    const s = pairwiseScores(['a', 'a', 'b', 'b', 'b'], ['x', 'x', 'x', 'y', 'y']);
    expect(s).toMatchObject({ truePairs: 4, predictedPairs: 4, correctPairs: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('gives 1 for a perfect clustering whatever the labels are called', () => {
    const s = pairwiseScores(['p', 'p', 'q'], ['1', '1', '2']);
    expect(s.f1).toBe(1);
  });

  it('scores all-singletons against duplicates as zero recall, full precision', () => {
    const s = pairwiseScores(['1', '2', '3'], ['x', 'x', 'y']);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0);
    expect(s.f1).toBe(0);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => pairwiseScores(['a'], [])).toThrow(RangeError);
  });
});

describe('bCubedScores', () => {
  it('matches a hand computation', () => {
    // truth {0,1} {2}; predicted all together {0,1,2}.
    // precision per item: 2/3, 2/3, 1/3 -> 5/9; recall per item: 1, 1, 1 -> 1.
    const s = bCubedScores(['c', 'c', 'c'], ['x', 'x', 'y']);
    expect(s.precision).toBeCloseTo(5 / 9, 12);
    expect(s.recall).toBe(1);
  });

  it('is perfect exactly when the clusterings agree up to renaming', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 }), (labels) => {
        const truth = labels.map(String);
        const renamed = labels.map((l) => `p${l * 7}`);
        expect(bCubedScores(renamed, truth).f1).toBe(1);
        expect(pairwiseScores(renamed, truth).f1).toBe(1);
      }),
    );
  });
});

describe('blockingRecall', () => {
  it('is the share of true pairs compared', () => {
    const truth = ['a', 'a', 'a', 'b'];
    // true pairs: (0,1) (0,2) (1,2); only (0,1) compared.
    expect(blockingRecall(truth, (i, j) => i === 0 && j === 1)).toBeCloseTo(1 / 3, 12);
    expect(blockingRecall(['a', 'b'], () => false)).toBe(1);
  });
});
