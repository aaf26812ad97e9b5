import { describe, expect, it } from 'vitest';
import { birthLevel, birthLevels, isOneTypo } from './birth.js';

const level = (a: string, b: string): string => birthLevels[birthLevel(a, b)]!;

describe('birth date levels', () => {
  it('equal', () => expect(level('1990-03-15', '1990-03-15')).toBe('equal'));
  it('one digit replaced', () => expect(level('1990-03-15', '1990-03-16')).toBe('one_typo'));
  it('two neighbouring digits swapped', () => expect(level('1990-03-15', '1990-03-51')).toBe('one_typo'));
  it('month and day swapped', () => expect(level('1990-03-12', '1990-12-03')).toBe('month_day_swapped'));
  it('same year only', () => expect(level('1990-03-15', '1990-07-20')).toBe('same_year'));
  it('else', () => expect(level('1990-03-15', '1962-07-20')).toBe('else'));
});

describe('isOneTypo', () => {
  it('rejects two separate changes and different lengths', () => {
    expect(isOneTypo('12345', '12354')).toBe(true);
    expect(isOneTypo('12345', '02346')).toBe(false);
    expect(isOneTypo('12345', '1234')).toBe(false);
    expect(isOneTypo('12345', '13245')).toBe(true);
    expect(isOneTypo('12345', '13425')).toBe(false);
  });
});
