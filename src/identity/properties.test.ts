// Properties every normaliser must keep: it never throws, whatever the string; normalising its
// own output changes nothing; and (for id numbers) formatting noise never hides a valid number.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as identity from './index.js';
import type { Normalized } from './normalized.js';

const DOMAIN_CHARS = [
  ...'0123456789０１２３４５６７８９xXｘＸ -—_/.:年月日号T+Z',
  ...'张伟欧阳修单曾解尉迟張偉歐陽乾隆髮裡著臺灣阿依古丽买买提',
  ...'广东省深圳市南山区科技园杭州西湖新疆维吾尔自治区乌鲁木齐天山吉林延边朝鲜族州',
  ...'AaBbZhangWeiLYUü•・·‧（）【】〔〕[]()',
  '\u0000', '\u200b', '\u3000', '\u00a0', '\u0301', '\ufeff', '\u2028', '\ud83d\ude00', '\ud800', '¨',
];

/** Strings of plain ASCII, of any code point (lone surrogates included), and of this domain. */
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...DOMAIN_CHARS), maxLength: 40 }),
);

const normalisers: Record<string, (raw: string) => Normalized<unknown>> = {
  normalizeIdNumber: identity.normalizeIdNumber,
  normalizeName: identity.normalizeName,
  normalizePhone: identity.normalizePhone,
  normalizeDate: identity.normalizeDate,
  normalizeDateTime: identity.normalizeDateTime,
  parseAddress: (raw) => identity.parseAddress(raw),
  normalizeCreditCode: identity.normalizeCreditCode,
  normalizeSex: identity.normalizeSex,
  normalizeEthnicity: identity.normalizeEthnicity,
  normalizeEmployer: identity.normalizeEmployer,
};

const stringFunctions: Record<string, (s: string) => unknown> = {
  ...normalisers,
  cleanText: identity.cleanText,
  computeIdCheckChar: identity.computeIdCheckChar,
  isValidIdNumber: identity.isValidIdNumber,
  cleanIdNumber: identity.cleanIdNumber,
  upgradeIdNumber15: identity.upgradeIdNumber15,
  deriveIdInfo: identity.deriveIdInfo,
  suggestIdCorrections: identity.suggestIdCorrections,
  namePinyin: identity.namePinyin,
  nameComparableKey: identity.nameComparableKey,
  toSimplified: identity.toSimplified,
  fuzzyPinyinSyllable: identity.fuzzyPinyinSyllable,
  composeName: (s) => identity.composeName(s, s),
  parseAddressWithin: (s) => identity.parseAddress(s, s),
  regionName: identity.regionName,
  regionParents: identity.regionParents,
  isWithinRegion: (s) => identity.isWithinRegion(s, s),
  listCounties: identity.listCounties,
  isValidCreditCode: identity.isValidCreditCode,
  computeCreditCheckChar: identity.computeCreditCheckChar,
};

describe('no string makes a function throw', () => {
  for (const [name, fn] of Object.entries(stringFunctions)) {
    it(name, () => {
      fc.assert(fc.property(anyString, (s) => { fn(s); }), { numRuns: 300 });
    });
  }
});

describe('normalising twice equals normalising once', () => {
  for (const [name, normalise] of Object.entries(normalisers)) {
    it(name, () => {
      fc.assert(
        fc.property(anyString, (s) => {
          const once = normalise(s);
          if (typeof once.value !== 'string') return;
          const twice = normalise(once.value);
          expect(twice.value).toBe(once.value);
          expect(twice.ok).toBe(once.ok);
        }),
        { numRuns: 500 },
      );
    });
  }

  const textFunctions: Record<string, (s: string) => string> = {
    cleanText: identity.cleanText,
    cleanIdNumber: identity.cleanIdNumber,
    toSimplified: identity.toSimplified,
    fuzzyPinyinSyllable: identity.fuzzyPinyinSyllable,
  };
  for (const [name, fn] of Object.entries(textFunctions)) {
    it(name, () => {
      fc.assert(fc.property(anyString, (s) => { expect(fn(fn(s))).toBe(fn(s)); }), { numRuns: 500 });
    });
  }
});

/** The MOD 11-2 check written from its definition (weights 2^(17-i) mod 11), apart from the code's table. */
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const validId = fc
  .record({
    region: fc.integer({ min: 110000, max: 829999 }),
    year: fc.integer({ min: 1900, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, year, month, day, sequence }) => {
    const first17 = `${region}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
    return first17 + referenceCheckChar(first17);
  });

const FULL_WIDTH_OFFSET = 0xff10 - 0x30;

/** Re-types an id character the ways people do: full width, lower-case x, with spaces or dashes. */
const noisyChar = (ch: string): fc.Arbitrary<string> =>
  fc.tuple(
    fc.constantFrom('plain', 'full', 'lower'),
    fc.constantFrom('', ' ', '-', '　', ' - ', '\u200b'),
  ).map(([form, gap]) => {
    const typed = form === 'full' ? String.fromCharCode(ch.charCodeAt(0) + (ch === 'X' ? 0xff38 - 0x58 : FULL_WIDTH_OFFSET))
      : form === 'lower' ? ch.toLowerCase() : ch;
    return typed + gap;
  });

describe('id numbers', () => {
  it('a valid id survives every formatting noise', () => {
    fc.assert(
      fc.property(
        validId.chain((id) => fc.tuple(fc.constant(id), fc.tuple(...[...id].map(noisyChar)).map((parts) => parts.join('')))),
        ([id, noisy]) => {
          const n = identity.normalizeIdNumber(`  ${noisy}  `);
          expect(n.ok).toBe(true);
          expect(n.value).toBe(id);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a valid id lists itself among the corrections of any one-character slip', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), (id, at, shift) => {
        const digit = at === 17 && id[17] === 'X' ? 10 : Number(id[at]);
        const replaced = (digit + shift) % (at === 17 ? 11 : 10);
        const slip = id.slice(0, at) + (replaced === 10 ? 'X' : String(replaced)) + id.slice(at + 1);
        expect(identity.isValidIdNumber(slip)).toBe(false);
        expect(identity.suggestIdCorrections(slip)).toContain(id);
      }),
    );
  });
});
