import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng, weightedTable } from './random.js';

describe('Rng (sfc32)', () => {
  it('repeats its sequence for the same seed and not for another', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('spreads int(n) evenly over [0, n)', () => {
    const rng = new Rng(1);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws from a weighted table in proportion to the weights', () => {
    const rng = new Rng(2);
    const table = weightedTable([['a', 1], ['b', 3], ['zero', 0]] as const);
    const counts = { a: 0, b: 0, zero: 0 };
    for (let i = 0; i < 40_000; i++) counts[rng.weighted(table)]++;
    expect(counts.zero).toBe(0);
    expect(counts.b / 40_000).toBeCloseTo(0.75, 1);
  });

  it('derives different seeds for different parts', () => {
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 3));
    expect(deriveSeed(1, 2)).toBe(deriveSeed(1, 2));
  });
});
