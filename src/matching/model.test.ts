import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { comparisons, C_NAME, COMPARISON_COUNT } from './compare/index.js';
import { extractFeatures } from './features.js';
import { input } from './fixtures.js';
import { compileModel, MODEL_FORMAT, MODEL_VERSION, parseModel, probabilityOf, scoreLevels, termFrequencyBits, type MatchModel } from './model.js';

// name levels: exact, simplified, pinyin, fuzzy, lookalike, swapped, one_char, different
const nameM = [0.9, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01, 0.02];
const nameU = [0.001, 0.000001, 0.000001, 0.000008, 0.000001, 0.000001, 0.01, 0.988988];

/** A model with every level at m = u except the name, for checking the arithmetic. */
function model(): MatchModel {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    prior: 0.001,
    comparisons: comparisons.map((c) => ({
      name: c.name,
      levels: c.levels.map((name, l) => (c.name === 'name' ? { name, m: nameM[l]!, u: nameU[l]! } : { name, m: 0.5, u: 0.5 })),
    })),
    termFrequencies: { name: { weizhang: 0.01 } },
    training: { records: 0, randomPairs: 0, deterministicPairs: 0, priorRule: 'none', sessions: [] },
  };
}

describe('parseModel', () => {
  it('accepts a model that went through JSON', () => {
    const m = model();
    expect(parseModel(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });

  it('refuses other formats, versions and comparison sets with an AppError', () => {
    expect(() => parseModel({ ...model(), format: 'x' })).toThrow(AppError);
    expect(() => parseModel({ ...model(), version: 2 })).toThrow(AppError);
    expect(() => parseModel({ ...model(), comparisons: model().comparisons.slice(1) })).toThrow(AppError);
    expect(() => parseModel({ ...model(), prior: 0 })).toThrow(AppError);
    expect(() => parseModel(null)).toThrow(AppError);
  });
});

describe('scoring', () => {
  const cm = compileModel(model());
  const levels = new Int8Array(COMPARISON_COUNT).fill(-1);

  it('adds the prior and the weight of each level, in bits', () => {
    levels[C_NAME] = 0;
    const rare = extractFeatures(input('a', { name: '欧阳娜娜' }));
    expect(scoreLevels(cm, rare, levels)).toBeCloseTo(Math.log2(0.001 / 0.999) + Math.log2(0.9 / 0.001), 10);
    expect(probabilityOf(0)).toBe(0.5);
  });

  it('weighs agreement on a common name less (term frequency)', () => {
    levels[C_NAME] = 0;
    const common = extractFeatures(input('a', { name: '张伟' }));
    expect(termFrequencyBits(cm, common, levels)).toBeCloseTo(Math.log2(0.001002 / 0.01), 10);
    const rare = extractFeatures(input('b', { name: '欧阳娜娜' }));
    expect(termFrequencyBits(cm, rare, levels)).toBe(0);
    levels[C_NAME] = 7;
    expect(termFrequencyBits(cm, common, levels)).toBe(0);
  });
});
