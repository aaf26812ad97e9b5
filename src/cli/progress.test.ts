import { describe, expect, it } from 'vitest';
import { everySoOften } from './progress.js';

describe('everySoOften', () => {
  it('passes a call on only once the interval has gone by since the start or the last one passed', () => {
    let now = 1000;
    const seen: number[] = [];
    const report = everySoOften(2000, (n: number) => seen.push(n), () => now);
    for (const [at, n] of [[1500, 1], [3000, 2], [3500, 3], [4999, 4], [5000, 5], [9000, 6]] as const) {
      now = at;
      report(n);
    }
    expect(seen).toEqual([2, 5, 6]);
  });
});
