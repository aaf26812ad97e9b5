import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigrams, dice } from './text-similarity.js';

describe('dice over bigrams', () => {
  it('is 1 for the same text modulo case and spacing', () => {
    expect(dice(bigrams('6 Tullaroop  Street'), bigrams('6 tullaroop street'))).toBe(1);
  });

  it('counts shared bigrams as a multiset', () => {
    // "abab": ab, ba, ab; "ab": ab -> common 1, 2*1/(3+1) = 0.5
    expect(dice(bigrams('abab'), bigrams('ab'))).toBe(0.5);
    expect(dice(bigrams('人民路1号'), bigrams('人民路2号'))).toBeCloseTo(0.5, 12);
    expect(dice(bigrams('abc'), bigrams('xyz'))).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const x = dice(bigrams(a), bigrams(b));
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(dice(bigrams(b), bigrams(a))).toBe(x);
      }),
    );
  });
});
