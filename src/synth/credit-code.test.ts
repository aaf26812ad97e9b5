import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, makeCreditCode, orgCodeCheckChar } from './credit-code.js';

describe('credit codes (GB 32100-2015)', () => {
  it('agrees with published codes of real companies', () => {
    // Tencent (Shenzhen) and Xiaomi (Beijing), as printed on their business licences.
    for (const code of ['9144030071526726XG', '91110108551385082Q']) {
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
  });

  it('makes distinct valid codes that carry the kind and region', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = makeCreditCode(i % 2 === 0 ? 'enterprise' : 'individual', '440305', i);
      expect(code).toMatch(/^9[12]440305[0-9A-Z]{10}$/);
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      codes.add(code);
    }
    expect(codes.size).toBe(2000);
  });

  it('rejects characters outside the code set', () => {
    expect(() => creditCodeCheckChar('91440300ABCDEFGHI')).toThrow(RangeError);
  });
});
