import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features.js';
import { input, type InputSpec } from '../fixtures.js';
import { employerLevel, employerLevels } from './employer.js';
import { isLookAlike } from './lookalike.js';
import { relationLevel, relationLevels } from './relation.js';
import { sexLevel, sexLevels } from './sex.js';

const f = (spec: InputSpec, id = 'a') => extractFeatures(input(id, spec));

describe('sex levels', () => {
  it('equal and different', () => {
    expect(sexLevels[sexLevel('M', 'M')]).toBe('equal');
    expect(sexLevels[sexLevel('M', 'F')]).toBe('different');
  });
});

describe('employer levels', () => {
  const level = (a: string, b: string) => employerLevels[employerLevel(f({ employer: a }), f({ employer: b }, 'b'))];
  it('equal, similar, different', () => {
    expect(level('深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统有限公司')).toBe('equal');
    expect(level('深圳市腾讯计算机系统有限公司', '腾讯计算机系统有限公司')).toBe('similar');
    expect(level('深圳市腾讯计算机系统有限公司', '华为技术有限公司')).toBe('different');
  });
  it('missing is not compared', () => expect(employerLevel(f({ employer: 'x' }), f({}, 'b'))).toBe(-1));
});

describe('relation levels', () => {
  const guardian = { type: 'guardian_of', direction: 'to' as const, other: { name: '王芳', id: '440305198001011229', phone: '13800138000' } };
  it('the same guardian of the same child', () => {
    const level = relationLevel(f({ name: '王小明', related: [guardian] }), f({ name: '王小明', related: [guardian] }, 'b'));
    expect(relationLevels[level]).toBe('same_related');
  });
  it('the same guardian known by name and phone on one side', () => {
    const byName = { ...guardian, other: { name: '王芳', phone: '13800138000' } };
    expect(relationLevels[relationLevel(f({ related: [guardian] }), f({ related: [byName] }, 'b'))]).toBe('same_related');
  });
  it('a clearly different guardian', () => {
    const other = { ...guardian, other: { name: '李娜', phone: '13900139000' } };
    expect(relationLevels[relationLevel(f({ related: [guardian] }), f({ related: [other] }, 'b'))]).toBe('different_related');
  });
  it('no tie of the same type: not compared', () => {
    const spouse = { type: 'spouse_of', direction: 'to' as const, other: { name: '王芳' } };
    expect(relationLevel(f({ related: [guardian] }), f({ related: [spouse] }, 'b'))).toBe(-1);
  });
});

describe('look-alike characters', () => {
  const cp = (c: string) => c.codePointAt(0)!;
  it('pairs in one group look alike; a character is not its own look-alike', () => {
    expect(isLookAlike(cp('己'), cp('已'))).toBe(true);
    expect(isLookAlike(cp('戊'), cp('戌'))).toBe(true);
    expect(isLookAlike(cp('未'), cp('末'))).toBe(true);
    expect(isLookAlike(cp('己'), cp('己'))).toBe(false);
    expect(isLookAlike(cp('己'), cp('未'))).toBe(false);
  });
});
