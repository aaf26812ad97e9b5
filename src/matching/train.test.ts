import { describe, expect, it } from 'vitest';
import { comparisons } from './compare/index.js';
import { population, testModel } from './fixtures.js';
import { seededRandom } from './random.js';
import { trainModel } from './train.js';

const weight = (model: ReturnType<typeof testModel>, comparison: string, level: string): number => {
  const c = model.comparisons.find((x) => x.name === comparison)!;
  const l = c.levels.find((x) => x.name === level)!;
  return Math.log2(l.m / l.u);
};

describe('trainModel', () => {
  const model = testModel();

  it('learns that agreement is evidence and disagreement is evidence against', () => {
    expect(weight(model, 'name', 'exact')).toBeGreaterThan(5);
    expect(weight(model, 'name', 'different')).toBeLessThan(-3);
    expect(weight(model, 'id', 'equal')).toBeGreaterThan(10);
    expect(weight(model, 'id', 'different')).toBeLessThan(-3);
    expect(weight(model, 'birth', 'equal')).toBeGreaterThan(5);
    expect(weight(model, 'contact', 'phone')).toBeGreaterThan(5);
  });

  it('takes its prior from the deterministic id pass, near the true rate', () => {
    const { truth } = population(1500, 7);
    const sizes = new Map<string, number>();
    for (const t of truth) sizes.set(t, (sizes.get(t) ?? 0) + 1);
    let truePairs = 0;
    for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
    const rate = truePairs / ((truth.length * (truth.length - 1)) / 2);
    expect(model.training.priorRule).toBe('resident_id');
    expect(model.prior).toBeGreaterThan(rate / 3);
    expect(model.prior).toBeLessThan(rate * 3);
  });

  it('keeps every level of every comparison, m and u as probabilities', () => {
    expect(model.comparisons.map((c) => c.name)).toEqual(comparisons.map((c) => c.name));
    for (const c of model.comparisons) {
      expect(c.levels.reduce((s, l) => s + l.m, 0)).toBeCloseTo(1, 9);
      expect(c.levels.reduce((s, l) => s + l.u, 0)).toBeCloseTo(1, 9);
    }
  });

  it('trains on a sample of a large input and finds the same weights', () => {
    const { inputs } = population(1500, 7);
    const sampled = trainModel(inputs, { random: seededRandom(3), randomPairs: 200_000, sampleRecords: 2500 });
    expect(sampled.training.records).toBe(2500);
    expect(sampled.prior).toBeGreaterThan(model.prior / 2);
    expect(sampled.prior).toBeLessThan(model.prior * 2);
    expect(weight(sampled, 'name', 'exact')).toBeCloseTo(weight(model, 'name', 'exact'), 0);
  });

  it('is reproducible: the same records and seed give the same model', () => {
    const { inputs } = population(300, 5);
    const a = trainModel(inputs, { random: seededRandom(9), randomPairs: 20_000 });
    const b = trainModel(inputs, { random: seededRandom(9), randomPairs: 20_000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
