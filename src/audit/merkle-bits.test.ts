import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, hasBit, largestPowerOfTwoBelow, shiftRight, trailingZeros } from './merkle-bits.js';

// BigInt as the independent reference: exact at any width.
const safe = fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) });

describe('bit arithmetic on sizes beyond 32 bits', () => {
  it('agrees with BigInt on bit length, shifts, bits and trailing zeros', () => {
    fc.assert(fc.property(safe, fc.integer({ min: 0, max: 52 }), (big, k) => {
      const x = Number(big);
      expect(bitLength(x)).toBe(big.toString(2).length);
      expect(shiftRight(x, k)).toBe(Number(big >> BigInt(k)));
      expect(hasBit(x, k)).toBe(((big >> BigInt(k)) & 1n) === 1n);
      expect(trailingZeros(x)).toBe(big.toString(2).length - big.toString(2).replace(/0+$/, '').length);
    }), { numRuns: 2000 });
  });

  it('handles the edges', () => {
    expect(bitLength(0)).toBe(0);
    expect(bitLength(2 ** 32)).toBe(33);
    expect(bitLength(2 ** 32 - 1)).toBe(32);
    expect(trailingZeros(2 ** 40)).toBe(40);
    expect(largestPowerOfTwoBelow(2)).toBe(1);
    expect(largestPowerOfTwoBelow(8)).toBe(4);
    expect(largestPowerOfTwoBelow(9)).toBe(8);
    expect(largestPowerOfTwoBelow(2 ** 33 + 1)).toBe(2 ** 33);
  });
});
