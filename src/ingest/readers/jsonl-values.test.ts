import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonCellText, quoteUnsafeIntegers } from './jsonl-values.js';

/** What reading should give: every integer a double cannot hold exactly becomes its digits. */
function withUnsafeIntegersAsText(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e21 ? String(value) : value;
  if (Array.isArray(value)) return value.map(withUnsafeIntegersAsText);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnsafeIntegersAsText(v)]));
  }
  return value;
}

describe('quoteUnsafeIntegers', () => {
  it('keeps the exact digits of integers beyond 2^53 and leaves everything else as JSON.parse reads it', () => {
    const bigInteger = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => Number(n));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(fc.jsonValue(), bigInteger, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v);
        expect(JSON.parse(quoteUnsafeIntegers(text))).toEqual(withUnsafeIntegersAsText(JSON.parse(text)));
      }),
    );
  });

  it('keeps the digits exactly as written, which a double would round', () => {
    expect(JSON.parse(quoteUnsafeIntegers('{"id":110101199003071234,"n":-9007199254740993}'))).toEqual({ id: '110101199003071234', n: '-9007199254740993' });
  });

  it('does not touch digits inside strings, escaped quotes included, nor reals with a fraction or exponent', () => {
    const text = '{"s":"say \\"12345678901234567890\\"","r":12345678901234567890.5,"e":1234567890123456789e2}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });
});

describe('jsonCellText', () => {
  it.each([
    [' a ', 'a'],
    [12, '12'],
    [1.5, '1.5'],
    [false, 'false'],
    [null, ''],
    [{ a: [1] }, '{"a":[1]}'],
  ])('%j reads as %j', (value, text) => {
    expect(jsonCellText(value)).toBe(text);
  });
});
