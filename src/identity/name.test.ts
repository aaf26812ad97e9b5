import { describe, expect, it } from 'vitest';
import {
  composeName, fuzzyPinyinSyllable, nameComparableKey, namePinyin, normalizeName, toSimplified,
} from './name.js';

describe('normalizeName', () => {
  it('converts traditional to simplified', () => {
    expect(normalizeName('張偉').value).toBe('张伟');
    expect(normalizeName('歐陽修').value).toBe('欧阳修');
  });

  it('removes inner spaces of a hanzi name and folds full-width letters', () => {
    expect(normalizeName(' 张 　伟 ').value).toBe('张伟');
    expect(normalizeName('ＺＨＡＮＧ Ｗｅｉ').value).toBe('ZHANG Wei');
  });

  it('unifies minority-name separators to ·', () => {
    for (const raw of ['阿依古丽•买买提', '阿依古丽・买买提', '阿依古丽.买买提', '阿依古丽 · 买买提', '阿依古丽．买买提']) {
      expect(normalizeName(raw).value).toBe('阿依古丽·买买提');
    }
    expect(normalizeName('·阿依古丽··买买提·').value).toBe('阿依古丽·买买提');
  });

  it('keeps latin names as given with single spaces', () => {
    expect(normalizeName('  Wei   Zhang ')).toMatchObject({ value: 'Wei Zhang', script: 'latin' });
    expect(normalizeName("O'Brien Mary-Jane").value).toBe("O'Brien Mary-Jane");
  });

  it('splits surnames, compound surnames included', () => {
    expect(normalizeName('欧阳修')).toMatchObject({ surname: '欧阳', given: '修' });
    expect(normalizeName('司马光')).toMatchObject({ surname: '司马', given: '光' });
    expect(normalizeName('尉迟恭')).toMatchObject({ surname: '尉迟', given: '恭' });
    expect(normalizeName('张伟')).toMatchObject({ surname: '张', given: '伟' });
    expect(normalizeName('ZHANG Wei')).toMatchObject({ surname: 'ZHANG', given: 'Wei' });
    expect(normalizeName('Wei ZHANG')).toMatchObject({ surname: 'ZHANG', given: 'Wei' });
    expect(normalizeName('阿依古丽·买买提')).toMatchObject({ surname: '', given: '阿依古丽·买买提' });
  });

  it('classifies the script', () => {
    expect(normalizeName('张伟').script).toBe('hanzi');
    expect(normalizeName('Zhang Wei').script).toBe('latin');
    expect(normalizeName('张Wei').script).toBe('mixed');
  });

  it('rejects input with nothing name-like', () => {
    expect(normalizeName('123-456')).toMatchObject({ ok: false, value: null, issue: 'no_letters' });
    expect(normalizeName('')).toMatchObject({ ok: false, issue: 'no_letters' });
  });
});

describe('namePinyin', () => {
  it('reads surnames with their surname readings', () => {
    expect(namePinyin('单田芳')).toEqual(['shan', 'tian', 'fang']);
    expect(namePinyin('曾国藩')).toEqual(['zeng', 'guo', 'fan']);
    expect(namePinyin('解缙')).toEqual(['xie', 'jin']);
  });

  it('reads compound surnames', () => {
    expect(namePinyin('尉迟恭')).toEqual(['yu', 'chi', 'gong']);
    expect(namePinyin('欧阳修')).toEqual(['ou', 'yang', 'xiu']);
    expect(namePinyin('司马光')).toEqual(['si', 'ma', 'guang']);
  });

  it('splits latin spellings into syllables', () => {
    expect(namePinyin('Zhangwei')).toEqual(['zhang', 'wei']);
    expect(namePinyin('ZHANG Wei')).toEqual(['zhang', 'wei']);
    expect(namePinyin("Xi'an")).toEqual(['xi', 'an']);
    expect(namePinyin('Xian')).toEqual(['xian']);
  });

  it('writes ü as v, and reads the passport spelling LYU the same', () => {
    expect(namePinyin('吕布')).toEqual(['lv', 'bu']);
    expect(namePinyin('LYU Bu')).toEqual(['lv', 'bu']);
    expect(namePinyin('Lü Bu')).toEqual(['lv', 'bu']);
  });

  it('keeps words that are not pinyin whole', () => {
    expect(namePinyin('John Smith')).toEqual(['john', 'smith']);
  });

  it('reads both parts of a minority name', () => {
    expect(namePinyin('阿依古丽·买买提')).toEqual(['a', 'yi', 'gu', 'li', 'mai', 'mai', 'ti']);
  });
});

describe('nameComparableKey', () => {
  it('is the same for 张伟, ZHANG Wei, Wei Zhang and zhang wei', () => {
    const key = nameComparableKey('张伟');
    expect(key).toBe('weizhang');
    for (const n of ['ZHANG Wei', 'Wei Zhang', 'zhang wei', 'Zhangwei', '張偉']) expect(nameComparableKey(n)).toBe(key);
  });

  it('differs for different names', () => {
    expect(nameComparableKey('张伟')).not.toBe(nameComparableKey('张为民'));
  });

  it('reads -nyu given names as standard syllables first: LI XINYU is 李欣雨, not xi nyu', () => {
    for (const [latin, hanzi] of [['LI XINYU', '李欣雨'], ['Zhang Hanyu', '张涵雨'], ['Chenyu Huang', '黄晨宇'], ['WANG Junyu', '王俊宇'], ['LIU Jinyu', '刘金玉']]) {
      expect(nameComparableKey(latin!), latin).toBe(nameComparableKey(hanzi!));
    }
    // The passport spellings still read as ü where nothing else fits.
    expect(namePinyin('NYU Hong')).toEqual(['nv', 'hong']);
    expect(namePinyin('LYU Bu')).toEqual(['lv', 'bu']);
  });
});

describe('composeName', () => {
  it('joins hanzi without a space and writes latin as SURNAME Given', () => {
    expect(composeName('欧阳', '修')).toBe('欧阳修');
    expect(composeName('Zhang', 'Wei')).toBe('ZHANG Wei');
    expect(composeName('', 'Wei')).toBe('Wei');
    expect(composeName('张', '')).toBe('张');
  });
});

describe('toSimplified', () => {
  it('converts Hong Kong and Taiwan forms and leaves simplified text alone', () => {
    expect(toSimplified('臺灣')).toBe('台湾');
    expect(toSimplified('裡')).toBe('里');
    expect(toSimplified('深圳市南山区')).toBe('深圳市南山区');
  });

  it('keeps phrase exceptions (乾隆 is not 干隆)', () => {
    expect(toSimplified('乾隆')).toBe('乾隆');
    expect(toSimplified('乾燥')).toBe('干燥');
  });
});

describe('fuzzyPinyinSyllable', () => {
  it('folds the southern mergers', () => {
    expect(fuzzyPinyinSyllable('zhang')).toBe('zan');
    expect(fuzzyPinyinSyllable('chen')).toBe('cen');
    expect(fuzzyPinyinSyllable('shi')).toBe('si');
    expect(fuzzyPinyinSyllable('niu')).toBe('liu');
    expect(fuzzyPinyinSyllable('fang')).toBe('han');
    expect(fuzzyPinyinSyllable('ling')).toBe('lin');
    expect(fuzzyPinyinSyllable('feng')).toBe('hen');
    expect(fuzzyPinyinSyllable('wang')).toBe('wan');
    expect(fuzzyPinyinSyllable('li')).toBe('li');
  });
});
