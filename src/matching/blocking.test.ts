import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blockingKeys, blockingReport, BlockIndex, familyList, familyOf, FILE, hashKey, keyFamilies, KeyHasher, PROBE } from './blocking.js';
import { extractFeatures } from './features.js';
import { input, residentId } from './fixtures.js';

describe('blockingKeys', () => {
  it('files a record under every family it has the fields for', () => {
    const id = residentId('440305', '19850612', 101);
    const f = extractFeatures(
      input('a', {
        name: '张伟', id, birth: '1985-06-12', phone: '13800138000', residence: '广东省深圳市南山区科技园路1号3栋501', employer: '深圳市某某科技有限公司',
        related: [{ type: 'guardian_of', direction: 'from', other: { name: '张小明', birth: '2015-01-01' } }],
      }),
    );
    const keys = blockingKeys(f);
    expect(keys).toContain(`i:${id}`);
    expect(keys).toContain('r:44030519850612');
    expect(keys).toContain('nb:wei zan|1985-06-12');
    expect(keys).toContain('sb:zan|1985-06-12');
    expect(keys).toContain('gb:wei|1985-06-12');
    expect(keys).toContain('p:13800138000');
    expect(keys).toContain('nx:wei zan|440305');
    expect(keys).toContain('na:wei zan#501');
    expect(keys).toContain('ba:1985-06-12#501');
    expect(keys).toContain('ne:wei zan|深圳市某某科技有限公司');
    expect(keys).toContain(`ip:>${id.slice(9)}`);
    expect(keys.some((k) => k.startsWith('g:guardian_of>from|'))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('n:张伟');
    expect(blockingKeys(f, PROBE)).toContain('w:张伟');
    expect(blockingKeys(f, PROBE)).not.toContain('n:张伟');
    expect(new Set(keys.map(familyOf))).toEqual(new Set(['name_only', 'id', 'id_region_birth', 'name_birth', 'surname_birth', 'given_birth', 'phone', 'name_region', 'name_address', 'birth_address', 'name_employer', 'id_part', 'guardian']));
  });

  it('names the family of every prefix', () => {
    for (const [prefix, family] of Object.entries(keyFamilies)) expect(familyOf(`${prefix}:x`)).toBe(family);
  });

  it('gives the id halves of ids that are not resident ids', () => {
    const keys = blockingKeys(extractFeatures(input('a', { id: '1234567', idType: 'passport' })));
    expect(keys).toEqual(['i:1234567', 'ip:<123', 'ip:>4567']);
  });

  it('files a record with a name and nothing else apart, and lets it look for the others by name', () => {
    const f = extractFeatures(input('a', { name: '陈思轩' }));
    expect(f.nameOnly).toBe(true);
    expect(blockingKeys(f, FILE)).toEqual(['w:陈思轩']);
    expect(blockingKeys(f, PROBE)).toEqual(['n:陈思轩']);
  });
});

describe('KeyHasher', () => {
  it('hashes exactly the keys blockingKeys spells out, with their families', () => {
    const hasher = new KeyHasher();
    const records = [
      input('a', { name: '张伟', id: residentId('440305', '19850612', 101), phone: '13800138000', residence: '广东省深圳市南山区科技园路1号3栋501', related: [{ type: 'guardian_of', direction: 'to', other: { name: '王芳', phone: '13900139000' } }] }),
      input('b', { name: 'john smith', given: 'john', surname: 'smith', id: '1234567', idType: 'passport', birth: '1950-01-01', residence: '6 tullaroop street 4011 wa' }),
    ];
    for (const r of records) {
      const f = extractFeatures(r);
      const keys = blockingKeys(f, FILE | PROBE);
      const n = hasher.hash(f);
      expect(n).toBe(keys.length);
      expect(Array.from(hasher.hashes.slice(0, n))).toEqual(keys.map(hashKey));
      expect(Array.from(hasher.families.slice(0, n), (i) => familyList[i])).toEqual(keys.map(familyOf));
      const filed = Array.from(hasher.hashes.slice(0, n)).filter((_, k) => (hasher.uses[k]! & FILE) !== 0);
      expect(filed).toEqual(blockingKeys(f, FILE).map(hashKey));
    }
  });
});

/** The index by key text, as the engine uses it by hash. */
function indexOf(cap: number) {
  const index = new BlockIndex(cap);
  return {
    index,
    add: (key: string, ord: number) => index.addHash(hashKey(key), ord),
    visit: (key: string, fn: (ord: number) => void) => index.visitHash(hashKey(key), fn),
  };
}

describe('BlockIndex', () => {
  it('returns what was filed under a key, newest first', () => {
    const index = indexOf(10);
    index.add('k', 1);
    index.add('k', 2);
    index.add('other', 3);
    const seen: number[] = [];
    expect(index.visit('k', (o) => seen.push(o))).toBe(2);
    expect(seen).toEqual([2, 1]);
    expect(index.visit('missing', () => undefined)).toBe(0);
  });

  it('stops using a key once it holds more than the cap', () => {
    const index = indexOf(3);
    for (let i = 0; i < 4; i++) index.add('dummy-phone', i);
    expect(index.visit('dummy-phone', () => undefined)).toBe(0);
    expect(index.index.oversizedKeys).toBe(1);
  });

  it('keeps every key through growth', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3000 }), (keys) => {
        const index = indexOf(64);
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

  it('keeps lists whole across the chunks of its entry list', () => {
    // 200,000 entries: past three chunk boundaries (65,536 entries a chunk), lists interleaved.
    const index = new BlockIndex(1_000_000);
    for (let i = 0; i < 200_000; i++) index.addHash(1 + (i % 3), i);
    for (const hash of [1, 2, 3]) {
      const seen: number[] = [];
      expect(index.visitHash(hash, (o) => seen.push(o))).toBe(seen.length);
      const expected = [];
      for (let i = 199_999; i >= 0; i--) if (1 + (i % 3) === hash) expected.push(i);
      expect(seen).toEqual(expected);
    }
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
    ].map((input) => extractFeatures(input));
    const report = blockingReport(records, ['A', 'A', 'B', 'B']);
    expect(report.comparisons).toBe(1);
    expect(report.byFamily.name_birth).toBe(1);
    expect(report.recall).toBe(0.5);
    expect(blockingReport(records, null).recall).toBeNull();
  });
});
