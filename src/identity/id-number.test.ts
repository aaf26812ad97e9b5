import { describe, expect, it } from 'vitest';
import {
  cleanIdNumber, computeIdCheckChar, deriveIdInfo, isValidIdNumber, normalizeIdNumber,
  suggestIdCorrections, upgradeIdNumber15,
} from './id-number.js';

// The two examples printed in GB 11643-1999.
const STANDARD_FEMALE = '11010519491231002X';
const STANDARD_1880 = '440524188001010014';

describe('computeIdCheckChar', () => {
  it('gives the check characters of the standard examples', () => {
    expect(computeIdCheckChar('11010519491231002')).toBe('X');
    expect(computeIdCheckChar('44052418800101001')).toBe('4');
  });

  it('follows the MOD 11-2 weights (worked by hand)', () => {
    // 10000000000000000: only the first digit counts, weight 7 → sum 7 → (12 - 7) mod 11 = 5.
    expect(computeIdCheckChar('10000000000000000')).toBe('5');
    // 00000000000000000: sum 0 → check 1.
    expect(computeIdCheckChar('00000000000000000')).toBe('1');
  });

  it('returns an empty string for anything but 17 digits', () => {
    expect(computeIdCheckChar('1101051949123100')).toBe('');
    expect(computeIdCheckChar('1101051949123100A')).toBe('');
  });
});

describe('isValidIdNumber', () => {
  it('accepts the standard examples, including a birth in 1880', () => {
    expect(isValidIdNumber(STANDARD_FEMALE)).toBe(true);
    expect(isValidIdNumber(STANDARD_1880)).toBe(true);
  });

  it('rejects a wrong check character, a wrong length, lower-case x and impossible dates', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    // 2023-02-29 does not exist; the check character is right for the digits.
    const first17 = '11010520230229002';
    expect(isValidIdNumber(first17 + computeIdCheckChar(first17))).toBe(false);
  });

  it('does not judge the region code: an abolished county (330103 下城区) is still valid', () => {
    const first17 = '33010319800101001';
    expect(isValidIdNumber(first17 + computeIdCheckChar(first17))).toBe(true);
  });
});

describe('cleanIdNumber', () => {
  it('folds full-width digits, drops spaces and dashes, upper-cases x', () => {
    expect(cleanIdNumber('１１０１０５ 1949-1231—002ｘ')).toBe(STANDARD_FEMALE);
    expect(cleanIdNumber('\u200b11010519491231002x ')).toBe(STANDARD_FEMALE);
  });
});

describe('upgradeIdNumber15', () => {
  it('inserts 19 and appends the check character', () => {
    expect(upgradeIdNumber15('110105491231002')).toBe(STANDARD_FEMALE);
  });

  it('refuses non-digits, other lengths and impossible dates', () => {
    expect(upgradeIdNumber15('11010549123100X')).toBeNull();
    expect(upgradeIdNumber15('1101054912310021')).toBeNull();
    expect(upgradeIdNumber15('110105491331002')).toBeNull();
  });
});

describe('deriveIdInfo', () => {
  it('reads region, birth date and sex (odd 17th digit = male)', () => {
    expect(deriveIdInfo(STANDARD_FEMALE)).toEqual({ region: '110105', birthDate: '1949-12-31', sex: 'F' });
    expect(deriveIdInfo(STANDARD_1880)).toEqual({ region: '440524', birthDate: '1880-01-01', sex: 'M' });
  });

  it('returns null for malformed numbers', () => {
    expect(deriveIdInfo('11010519491331002X')).toBeNull();
    expect(deriveIdInfo('abc')).toBeNull();
  });
});

describe('suggestIdCorrections', () => {
  it('lists the original of a one-digit typo', () => {
    const typo = '11010519491231003X'; // 002X → 003X
    expect(isValidIdNumber(typo)).toBe(false);
    expect(suggestIdCorrections(typo)).toContain(STANDARD_FEMALE);
  });

  it('lists the original of an adjacent swap', () => {
    const swapped = '440524180801010014'; // 1880 typed as 1808
    expect(isValidIdNumber(swapped)).toBe(false);
    expect(suggestIdCorrections(swapped)).toContain(STANDARD_1880);
  });

  it('returns only valid, unique, sorted numbers, and nothing for a valid number', () => {
    const suggestions = suggestIdCorrections('11010519491231003X');
    expect(suggestions.every(isValidIdNumber)).toBe(true);
    expect([...new Set(suggestions)].sort()).toEqual(suggestions);
    expect(suggestIdCorrections(STANDARD_FEMALE)).toEqual([]);
    expect(suggestIdCorrections('123')).toEqual([]);
  });
});

describe('normalizeIdNumber', () => {
  it('accepts a valid number in any common formatting', () => {
    const n = normalizeIdNumber(' 110105 19491231 002x ');
    expect(n).toMatchObject({ ok: true, value: STANDARD_FEMALE, upgradedFrom15: false });
    expect(n.info?.birthDate).toBe('1949-12-31');
  });

  it('upgrades a 15-digit number', () => {
    expect(normalizeIdNumber('110105491231002')).toMatchObject({ ok: true, value: STANDARD_FEMALE, upgradedFrom15: true });
  });

  it('keeps a failing number cleaned, flagged with why', () => {
    expect(normalizeIdNumber('11010519491231003x')).toMatchObject({ ok: false, value: '11010519491231003X', issue: 'bad_checksum', info: null });
    expect(normalizeIdNumber('1101051949123100')).toMatchObject({ ok: false, value: '1101051949123100', issue: 'bad_length' });
    expect(normalizeIdNumber('11010519491331002X')).toMatchObject({ ok: false, issue: 'bad_date' });
    expect(normalizeIdNumber('11010519491231002Y')).toMatchObject({ ok: false, issue: 'bad_chars' });
    expect(normalizeIdNumber('110105X9491231002')).toMatchObject({ ok: false, issue: 'bad_chars' });
    expect(normalizeIdNumber('110105491331002')).toMatchObject({ ok: false, issue: 'bad_date' });
    expect(normalizeIdNumber('  ')).toMatchObject({ ok: false, value: null, issue: 'empty' });
  });
});
