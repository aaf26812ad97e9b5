import { describe, expect, it } from 'vitest';
import { compareRecords, COMPARISON_COUNT } from './compare/index.js';
import { estimatePrior, isDeterministicLink, namesContradict } from './deterministic.js';
import { extractFeatures } from './features.js';
import { input, residentId, type InputSpec } from './fixtures.js';
import { isLikelyRelative, isLikelyTwin } from './guards.js';

function pair(a: InputSpec, b: InputSpec) {
  const x = extractFeatures(input('a', a));
  const y = extractFeatures(input('b', b));
  const levels = new Int8Array(COMPARISON_COUNT);
  compareRecords(x, y, levels);
  return { x, y, levels };
}

const home = '广东省深圳市南山区科技园路1号3栋501';

describe('isLikelyTwin', () => {
  it('same birthday and home, same surname, given names beyond a slip', () => {
    const { x, y, levels } = pair({ name: '李子轩', birth: '2016-05-20', residence: home }, { name: '李子涵', birth: '2016-05-20', residence: home });
    expect(isLikelyTwin(x, y, levels)).toBe(true);
  });
  it('not when the ids agree, the homes differ, or the names are one reading', () => {
    const id = residentId('440305', '20160520', 11);
    const withIds = pair({ name: '李子轩', birth: '2016-05-20', residence: home, id }, { name: '李子涵', birth: '2016-05-20', residence: home, id });
    expect(isLikelyTwin(withIds.x, withIds.y, withIds.levels)).toBe(false);
    const apart = pair({ name: '李子轩', birth: '2016-05-20', residence: home }, { name: '李子涵', birth: '2016-05-20', residence: '北京市东城区东直门大街5号' });
    expect(isLikelyTwin(apart.x, apart.y, apart.levels)).toBe(false);
    const homophone = pair({ name: '李子轩', birth: '2016-05-20', residence: home }, { name: '李子宣', birth: '2016-05-20', residence: home });
    expect(isLikelyTwin(homophone.x, homophone.y, homophone.levels)).toBe(false);
  });
  it('not when a character is dropped or added: a slip of the pen, left to the score (钟梅, 钟梅涵)', () => {
    const dropped = pair({ name: '钟梅', birth: '1972-09-18', phone: '19822338309', residence: home }, { name: '钟梅涵', birth: '1972-09-18', phone: '19822338309', residence: home });
    expect(isLikelyTwin(dropped.x, dropped.y, dropped.levels)).toBe(false);
    const replaced = pair({ name: '钟梅兰', birth: '1972-09-18', phone: '19822338309', residence: home }, { name: '钟梅涵', birth: '1972-09-18', phone: '19822338309', residence: home });
    expect(isLikelyTwin(replaced.x, replaced.y, replaced.levels)).toBe(true);
  });
});

describe('isLikelyRelative', () => {
  it('names that clearly differ with no birth date in common', () => {
    expect(isLikelyRelative(pair({ name: '张伟', birth: '1985-01-01', phone: '13800138000' }, { name: '王芳', birth: '1987-01-01', phone: '13800138000' }).levels)).toBe(true);
    expect(isLikelyRelative(pair({ name: '张伟', phone: '13800138000' }, { name: '王芳', phone: '13800138000' }).levels)).toBe(true);
  });
  it('siblings whose names differ in one character', () => {
    expect(isLikelyRelative(pair({ name: '林家文', phone: '13800138000' }, { name: '林家涵', phone: '13800138000' }).levels)).toBe(true);
    expect(isLikelyRelative(pair({ name: '林家文', birth: '2001-01-01' }, { name: '林家涵', birth: '2001-01-01' }).levels)).toBe(false);
  });
  it('not when the names agree, or the birth date does', () => {
    expect(isLikelyRelative(pair({ name: '张伟', phone: '13800138000' }, { name: '张伟', phone: '13800138000' }).levels)).toBe(false);
    expect(isLikelyRelative(pair({ name: '张伟', birth: '1985-01-01' }, { name: '王芳', birth: '1985-01-01' }).levels)).toBe(false);
  });
});

describe('the deterministic id pass', () => {
  const id = residentId('440305', '19850612', 101);
  it('links the same valid id when the names do not contradict', () => {
    const typo = pair({ name: '张伟', id }, { name: '章伟', id });
    expect(isDeterministicLink(typo.x, typo.y, typo.levels)).toBe(true);
  });
  it('is guarded: different names, or an id the record contradicts, go to the probabilistic pass', () => {
    const other = pair({ name: '张伟', id }, { name: '王芳', id });
    expect(namesContradict(other.levels)).toBe(true);
    expect(isDeterministicLink(other.x, other.y, other.levels)).toBe(false);
    const child = pair({ name: '张伟', id }, { name: '张伟', id, birth: '2014-03-02' });
    expect(isDeterministicLink(child.x, child.y, child.levels)).toBe(false);
  });
});

describe('estimatePrior', () => {
  it('counts id-linked pairs over all pairs, scaled by the share of records carrying an id', () => {
    const id = residentId('440305', '19850612', 101);
    const records = [
      ...Array.from({ length: 4 }, (_, i) => input(`z${i}`, { name: '张伟', id })),
      ...Array.from({ length: 8 }, (_, i) => input(`w${i}`, { name: '王芳', id: residentId('440305', '19700101', 2 * i + 2) })),
    ].map((input) => extractFeatures(input));
    const estimate = estimatePrior(records);
    expect(estimate.rule).toBe('resident_id');
    // Four records share one id: C(4, 2) = 6 pairs, out of C(12, 2) = 66; every record has an id.
    expect(estimate.pairs).toBe(6);
    expect(estimate.prior).toBeCloseTo(6 / 66, 10);
    const half = [...records, ...Array.from({ length: 12 }, (_, i) => extractFeatures(input(`n${i}`, { name: `李${i}` })))];
    // Half the records carry an id: the rule's recall is taken as 1/4.
    expect(estimatePrior(half).prior).toBeCloseTo(6 / 276 / 0.25, 10);
  });
});
