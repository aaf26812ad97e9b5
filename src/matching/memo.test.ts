import { describe, expect, it } from 'vitest';
import { forgetMemos, Memo } from './memo.js';

describe('Memo', () => {
  it('computes once per key while the key is remembered', () => {
    let calls = 0;
    const memo = new Memo<number>(10);
    const square = (k: string): number => {
      calls++;
      return Number(k) ** 2;
    };
    expect(memo.get('3', square)).toBe(9);
    expect(memo.get('3', square)).toBe(9);
    expect(calls).toBe(1);
  });

  it('stays bounded and keeps entries in use across a generation change', () => {
    let calls = 0;
    const memo = new Memo<string>(2);
    const upper = (k: string): string => {
      calls++;
      return k.toUpperCase();
    };
    memo.get('a', upper);
    memo.get('b', upper);
    memo.get('c', upper); // a and b become the old generation
    memo.get('a', upper); // promoted from the old generation: no recompute
    expect(calls).toBe(3);
    memo.get('d', upper);
    memo.get('e', upper); // c and a old; b dropped
    memo.get('b', upper);
    expect(calls).toBe(6);
  });

  it('forgets everything when asked, and computes again', () => {
    let calls = 0;
    const memo = new Memo<number>(10);
    const length = (k: string): number => {
      calls++;
      return k.length;
    };
    memo.get('abc', length);
    forgetMemos();
    expect(memo.get('abc', length)).toBe(3);
    expect(calls).toBe(2);
  });
});
