import { describe, expect, it } from 'vitest';
import { carriesOnlyAName, extractFeatures, featureFingerprint } from './features.js';
import { NAME_HANZI, NAME_LATIN } from './name-features.js';
import { input, population, residentId } from './fixtures.js';

const id = residentId('440305', '19850612', 101); // a man born 1985-06-12

describe('extractFeatures', () => {
  it('reads the name in every form the levels need', () => {
    const f = extractFeatures(input('a', { name: '張明偉' }));
    expect(f.name.nameKind).toBe(NAME_HANZI);
    expect(f.name.nameExact).toBe('張明偉');
    expect(f.name.nameSimplified).toBe('张明伟');
    expect(f.name.pinyin).toBe('zhang ming wei');
    expect(f.name.fuzzy).toBe('zan min wei');
    expect(f.name.swapKey).toBe('张伟明');
    expect(f.name.blockSurname).toBe('zan');
    expect(f.name.blockGiven).toBe('min wei');
  });

  it('splits latin names into parts', () => {
    const f = extractFeatures(input('a', { name: 'ZHANG Wei' }));
    expect(f.name.nameKind).toBe(NAME_LATIN);
    expect([f.name.given, f.name.surname]).toEqual(['wei', 'zhang']);
    expect(f.name.comparableKey).toBe(extractFeatures(input('b', { name: '张伟' })).name.comparableKey);
  });

  it('gives a valid id that fits its holder a constraint and a blocking birth date, not a compared one', () => {
    const f = extractFeatures(input('a', { name: '张伟', id, sex: 'M' }));
    expect(f.idValid).toBe(true);
    expect(f.constraintId).toBe(id);
    expect(f.birth).toBeNull();
    expect(f.blockBirth).toBe('1985-06-12');
    expect(f.idHasBirth).toBe(true);
  });

  it('flags an id whose owner the record contradicts: a parent\'s id in a child\'s row', () => {
    const child = extractFeatures(input('a', { name: '张小明', id, birth: '2014-03-02' }));
    expect(child.idOwnerMismatch).toBe(true);
    expect(child.constraintId).toBeNull();
    const daughter = extractFeatures(input('b', { name: '张小红', id, sex: 'F' }));
    expect(daughter.idOwnerMismatch).toBe(true);
    const typo = extractFeatures(input('c', { name: '张伟', id, birth: '1985-06-13', sex: 'M' }));
    expect(typo.idOwnerMismatch).toBe(false);
  });

  it('upgrades a 15-digit id and keeps the form as written', () => {
    const id18 = residentId('440301', '19800101', 1);
    const f = extractFeatures(input('a', { id: id18.slice(0, 6) + id18.slice(8, 17) }));
    expect(f.id18).toBe(id18);
    expect(f.idWritten15).toBe(true);
    expect(f.constraintId).toBe(id18);
  });

  it('keeps numbers of three or more digits of the address details for blocking', () => {
    const f = extractFeatures(input('a', { residence: '深圳市南山区科技园路12号3栋501', hukou: '湖南省长沙市岳麓区麓山路125号' }));
    expect(f.detailNumbers).toEqual(['501', '125']);
  });
});

describe('featureFingerprint', () => {
  it('is equal for the same content and differs when a matched field changes', () => {
    const a = featureFingerprint(extractFeatures(input('a', { name: '张伟', phone: '13800138000' })));
    expect(featureFingerprint(extractFeatures(input('a', { name: '张伟', phone: '13800138000' })))).toBe(a);
    expect(featureFingerprint(extractFeatures(input('a', { name: '张伟', phone: '13800138001' })))).not.toBe(a);
    expect(featureFingerprint(extractFeatures(input('a', { name: '张伟', employer: 'x' })))).not.toBe(a);
  });
});

describe('carriesOnlyAName', () => {
  it('says what nameOnly says, without computing features', () => {
    const inputs = [
      ...population(60, 5).inputs,
      input('d1', { name: '张伟' }),
      input('d2', { name: '张伟', phone: '13800138000' }),
      input('d3', { name: 'ZHANG Wei' }),
      input('d4', { name: '张伟', related: [{ type: 'guardian_of', direction: 'to', other: { name: '王芳' } }] }),
    ];
    for (const i of inputs) expect(carriesOnlyAName(i)).toBe(extractFeatures(i).nameOnly);
    expect(inputs.filter(carriesOnlyAName).map((i) => i.key.split('\u0001')[1])).toEqual(['d1', 'd3']);
  });
});
