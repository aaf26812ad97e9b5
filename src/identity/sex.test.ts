import { describe, expect, it } from 'vitest';
import { normalizeSex } from './sex.js';

describe('normalizeSex', () => {
  it('reads the GB/T 2261.1 codes and common words', () => {
    for (const raw of ['男', '男性', 'M', 'm', 'male', 'Male', '1', '１']) expect(normalizeSex(raw).value, raw).toBe('M');
    for (const raw of ['女', '女性', 'F', 'female', '2']) expect(normalizeSex(raw).value, raw).toBe('F');
  });

  it('flags the unknown codes apart from garbage', () => {
    for (const raw of ['0', '9', '未知', '未说明的性别']) expect(normalizeSex(raw)).toMatchObject({ ok: false, issue: 'unknown_sex' });
    expect(normalizeSex('3')).toMatchObject({ ok: false, issue: 'bad_sex' });
    expect(normalizeSex('')).toMatchObject({ ok: false, issue: 'empty' });
  });
});
