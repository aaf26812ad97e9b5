// Bit arithmetic on tree sizes and indices. JavaScript's bitwise operators work on 32 bits, and an
// audit log may outgrow 2^32 entries, so everything here is exact for every safe integer (< 2^53).

const TWO_32 = 2 ** 32;

/** Number of bits needed to write x (0 for 0): the position of the highest set bit plus one. */
export function bitLength(x: number): number {
  const high = Math.floor(x / TWO_32);
  return high > 0 ? 64 - Math.clz32(high) : 32 - Math.clz32(x >>> 0);
}

/** x >> bits, exact above 32 bits (division by a power of two is exact in binary floating point). */
export function shiftRight(x: number, bits: number): number {
  return Math.floor(x / 2 ** bits);
}

export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** RFC 6962's k for a tree of n > 1 leaves: the largest power of two strictly smaller than n. */
export function largestPowerOfTwoBelow(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

/** Whether bit `level` of x is set. */
export function hasBit(x: number, level: number): boolean {
  return isOdd(shiftRight(x, level));
}

export function isTreeSize(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

/** Number of trailing zero bits of x > 0 (how many times x halves evenly). */
export function trailingZeros(x: number): number {
  const low = x % TWO_32;
  if (low !== 0) return 31 - Math.clz32(low & -low);
  return 32 + trailingZeros(Math.floor(x / TWO_32));
}
