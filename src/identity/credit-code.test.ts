import { describe, expect, it } from 'vitest';
import { computeCreditCheckChar, isValidCreditCode, normalizeCreditCode } from './credit-code.js';

// Worked by hand (values: digits 0-9, A10 … D13 … M21; weights 1 3 9 27 19 26 16 17 20 29 25 13 8
// 24 10 30 28): 9·1 + 1·3 + 4·9 + 4·27 + 0 + 3·26 + 0 + 0 + M21·20 + A10·29 + 5·25 + D13·13 + 0·…
// + 1·28 = 1266; 1266 mod 31 = 26; 31 − 26 = 5.
const COMPUTED = '91440300MA5D000015';
// A code its holder publishes (a Shenzhen company).
const PUBLISHED = '91440300708461136T';

describe('credit codes', () => {
  it('accepts a computed and a published code', () => {
    expect(computeCreditCheckChar(COMPUTED.slice(0, 17))).toBe('5');
    expect(isValidCreditCode(COMPUTED)).toBe(true);
    expect(isValidCreditCode(PUBLISHED)).toBe(true);
  });

  it('rejects a broken code', () => {
    expect(isValidCreditCode('91440300MA5D000016')).toBe(false);
    expect(isValidCreditCode('91440300MA5D00001')).toBe(false);
    expect(isValidCreditCode('91440300MI5D000015')).toBe(false);
  });

  it('normalises spacing and case and says why a code fails', () => {
    expect(normalizeCreditCode(' 9144 0300-ma5d 000015 ')).toMatchObject({ ok: true, value: COMPUTED });
    expect(normalizeCreditCode('９１４４０３００ＭＡ５Ｄ００００１５').value).toBe(COMPUTED);
    expect(normalizeCreditCode('91440300MA5D000016')).toMatchObject({ ok: false, issue: 'bad_checksum', value: '91440300MA5D000016' });
    expect(normalizeCreditCode('91440300MA5D0000')).toMatchObject({ ok: false, issue: 'bad_length' });
    expect(normalizeCreditCode('91440300MO5D000015')).toMatchObject({ ok: false, issue: 'bad_chars' });
    expect(normalizeCreditCode('')).toMatchObject({ ok: false, issue: 'empty', value: null });
  });
});
