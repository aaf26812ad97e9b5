import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features.js';
import { input } from '../fixtures.js';
import { nameLevel, nameLevels } from './name.js';

function level(a: string, b: string): string | null {
  const l = nameLevel(extractFeatures(input('a', { name: a })), extractFeatures(input('b', { name: b })));
  return l < 0 ? null : nameLevels[l]!;
}

describe('Chinese name levels', () => {
  it('exact', () => expect(level('张伟', '张伟')).toBe('exact'));
  it('same after traditional to simplified', () => expect(level('張偉', '张伟')).toBe('simplified'));
  it('same toneless pinyin (a homophone)', () => expect(level('张伟', '章伟')).toBe('pinyin'));
  it('surname readings in surname mode: 单 as shan', () => expect(level('单丽', '善丽')).toBe('pinyin'));
  it('fuzzy pinyin: z/zh, n/l, an/ang', () => {
    expect(level('张伟', '臧伟')).toBe('fuzzy_pinyin');
    expect(level('刘宁', '刘玲')).toBe('fuzzy_pinyin');
  });
  it('look-alike characters', () => expect(level('王己', '王已')).toBe('lookalike'));
  it('given-name characters swapped', () => {
    expect(level('张明伟', '张伟明')).toBe('given_swapped');
    expect(level('欧阳明华', '欧阳华明')).toBe('given_swapped');
    expect(level('欧阳明华', '阳欧明华')).toBe('different'); // a compound surname is not given-name characters
  });
  it('one character added, dropped or replaced', () => {
    expect(level('张伟', '张伟明')).toBe('one_char');
    expect(level('张伟明', '张伟东')).toBe('one_char');
  });
  it('different', () => expect(level('张伟', '李娜')).toBe('different'));
  it('counts a character beyond the BMP as one character', () => {
    expect(level('𠇔伟', '𠇔伟明')).toBe('one_char');
    expect(level('𠇔己', '𠇔已')).toBe('lookalike');
    expect(level('𠇔伟', '张伟明')).toBe('different');
  });
  it('a pinyin roster name against its hanzi', () => {
    expect(level('ZHANG Wei', '张伟')).toBe('pinyin');
    expect(level('Wei Zhang', '张伟')).toBe('pinyin');
    expect(level('ZANG Wei', '张伟')).toBe('fuzzy_pinyin');
  });
  it('two latin names are left to the given-name and surname comparisons', () => {
    expect(level('ZHANG Wei', 'Wei Zhang')).toBeNull();
  });
  it('missing on a side', () => {
    const l = nameLevel(extractFeatures(input('a', { name: '张伟' })), extractFeatures(input('b', { id: '440305199003151231' })));
    expect(l).toBe(-1);
  });
});
