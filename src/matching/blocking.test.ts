import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockingKeys, blockingReport, BlockIndex, familyOf, hashKey, keyFamilies } from './blocking.js';
import { extractFeatures } from './features.js';
import { input, residentId } from './fixtures.js';

describe('blockingKeys', () => {
  it('files a record under every family it has the fields for', () => {
    const id = residentId('440305', '19850612', 101);
    const f = extractFeatures(
      input('a', {
        name: '张伟', id, birth: '1985-06-12', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号3栋501',
        related: [{ type: 'guardian_of', direction: 'from', other: { name: '张小明', birth: '2015-01-01' } }],
      }),
    );
    const keys = blockingKeys(f);
    expect(keys).toContain(`i:${id}`);
    expect(keys).toContain('r:4403051985-06-12');
    expect(keys).toContain('nb:wei zan|1985-06-12');
    expect(keys).toContain('sb:zan|1985-06-12');
    expect(keys).toContain('gb:wei|1985-06-12');
    expect(keys).toContain('p:13800138000');
    expect(keys).toContain('nx:wei zan|440305');
    expect(keys).toContain('na:wei zan#501');
    expect(keys).toContain('ba:1985-06-12#501');
    expect(keys.some((k) => k.startsWith('g:guardian_of>from|'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.map(familyOf))).toEqual(new Set(['id', 'id_region_birth', 'name_birth', 'surname_birth', 'given_birth', 'phone', 'name_region', 'name_address', 'birth_address', 'guardian']));
  });

  it('names the family of every prefix', () => {
    for (const [prefix, family] of Object.entries(keyFamilies)) expect(familyOf(`${prefix}:x`)).toBe(family);
  });

  it('gives the id halves of ids that are not resident ids', () => {
    const keys = blockingKeys(extractFeatures(input('a', { id: '1234567', idType: 'passport' })));
    expect(keys).toEqual(['i:1234567', 'ip:<123', 'ip:>4567']);
  });
});

describe('BlockIndex', () => {
  it('returns what was filed under a key, newest first', () => {
    const index = new BlockIndex(10);
    index.add('k', 1);
    index.add('k', 2);
    index.add('other', 3);
    const seen: number[] = [];
    expect(index.visit('k', (o) => seen.push(o))).toBe(2);
    expect(seen).toEqual([2, 1]);
    expect(index.visit('missing', () => undefined)).toBe(0);
  });

  it('stops using a key once it holds more than the cap', () => {
    const index = new BlockIndex(3);
    for (let i = 0; i < 4; i++) index.add('dummy-phone', i);
    expect(index.visit('dummy-phone', () => undefined)).toBe(0);
    expect(index.oversizedKeys).toBe(1);
  });

  it('keeps every key through growth', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3000 }), (keys) => {
        const index = new BlockIndex(64);
        keys.forEach((k, i) => index.add(k, i));
        keys.forEach((k, i) => {
          const seen: number[] = [];
          index.visit(k, (o) => seen.push(o));
          expect(seen).toContain(i);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('hashes keys to 32-bit integers, stably', () => {
    expect(hashKey('p:13800138000')).toBe(hashKey('p:13800138000'));
    expect(Number.isInteger(hashKey('x'))).toBe(true);
  });
});

describe('blockingReport', () => {
  it('counts comparisons per family and the blocking recall against the truth', () => {
    const records = [
      input('1', { name: '张伟', birth: '1990-01-01' }),
      input('2', { name: '张伟', birth: '1990-01-01' }),
      input('3', { name: '李娜', phone: '13800138000' }),
      input('4', { name: '李娜', birth: '1970-05-05' }),
    ].map(extractFeatures);
    const report = blockingReport(records, ['A', 'A', 'B', 'B']);
    expect(report.comparisons).toBe(1);
    expect(report.byFamily.name_birth).toBe(1);
    expect(report.recall).toBe(0.5);
    expect(blockingReport(records, null).recall).toBeNull();
  });
});
