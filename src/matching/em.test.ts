import { describe, expect, it } from 'vitest';
import { countPattern, initialM, runEm, type PatternCounts } from './em.js';
import { randomInt, seededRandom } from './random.js';

/** Draws pairs from a known two-class model of two comparisons (3 levels each) and counts their patterns. */
function simulate(share: number, m: number[][], u: number[][], pairs: number): PatternCounts {
  const random = seededRandom(42);
  const data: PatternCounts = { patterns: [], counts: [] };
  const index = new Map<number, number>();
  const draw = (p: number[]): number => {
    let x = random();
    for (let l = 0; l < p.length; l++) if ((x -= p[l]!) < 0) return l;
    return p.length - 1;
  };
  const levels = new Int8Array(2);
  for (let k = 0; k < pairs; k++) {
    const match = random() < share;
    for (let c = 0; c < 2; c++) levels[c] = randomInt(random, 10) === 0 ? -1 : draw(match ? m[c]! : u[c]!);
    countPattern(data, index, levels);
  }
  return data;
}

describe('runEm', () => {
  const m = [[0.85, 0.1, 0.05], [0.7, 0.2, 0.1]];
  const u = [[0.01, 0.04, 0.95], [0.02, 0.08, 0.9]];

  it('recovers m and the match share from agreement patterns, with u fixed', () => {
    const data = simulate(0.3, m, u, 200_000);
    const result = runEm(data, u, { include: [true, true] });
    expect(result.matchShare).toBeCloseTo(0.3, 1);
    for (let c = 0; c < 2; c++) for (let l = 0; l < 3; l++) expect(result.m[c]![l]!).toBeCloseTo(m[c]![l]!, 1);
  });

  it('leaves an excluded comparison at its starting m', () => {
    const result = runEm(simulate(0.3, m, u, 20_000), u, { include: [true, false] });
    expect(result.m[1]).toEqual(initialM(3));
    expect(result.evidence[1]).toBe(0);
  });
});

describe('countPattern', () => {
  it('counts equal patterns once, nulls included', () => {
    const data: PatternCounts = { patterns: [], counts: [] };
    const index = new Map<number, number>();
    countPattern(data, index, Int8Array.of(0, -1));
    countPattern(data, index, Int8Array.of(0, -1));
    countPattern(data, index, Int8Array.of(-1, 0));
    expect(data.counts).toEqual([2, 1]);
  });
});
