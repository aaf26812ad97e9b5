import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { computeIdCheckChar } from '../identity/id-number.js';
import { hanName, uyghurName } from './names.js';
import {
  formatId, homophoneName, homophoneTable, lookalikeName, lookalikeTable, pinyinName, pinyinParts, swapId,
  traditionalName, typoId,
} from './noise.js';
import { Rng } from './random.js';
import { traditionalTable } from './traditional.js';

const passes = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && computeIdCheckChar(id.slice(0, 17)) === id[17];
const surnameReading = (c: string): string => pinyin(c, { mode: 'surname', toneType: 'none' });
const reading = (c: string): string => pinyin(c, { toneType: 'none' });

describe('homophones', () => {
  it('only swap characters read the same (surname reading for surnames such as 谢/解)', () => {
    for (const [c, others] of homophoneTable) {
      for (const o of others) {
        const same = reading(c) === reading(o) || surnameReading(c) === surnameReading(o);
        expect(same, `${c}/${o}`).toBe(true);
      }
    }
  });

  it('change exactly one character of a name that has one', () => {
    const rng = new Rng(5);
    const changed = homophoneName(rng, '张伟');
    expect(changed).not.toBeNull();
    expect(changed).not.toBe('张伟');
    expect([...changed!].filter((c, i) => c !== [...'张伟'][i])).toHaveLength(1);
    expect(homophoneName(rng, '㐀㐁')).toBeNull();
  });
});

describe('look-alike characters', () => {
  it('include the classic confusions and replace within a group', () => {
    expect(lookalikeTable.get('己')).toContain('已');
    expect(lookalikeTable.get('戍')).toContain('戌');
    expect(lookalikeTable.get('末')).toContain('未');
    const changed = lookalikeName(new Rng(6), '王己');
    expect(['玉己', '王已', '王巳']).toContain(changed);
  });
});

describe('traditional characters', () => {
  it('convert a name with simplified characters and leave others alone', () => {
    expect(traditionalName('刘丽华')).toBe('劉麗華');
    expect(traditionalName('王明')).toBeNull();
  });
});

describe('pinyin names', () => {
  it('spell in passport and western order with the surname reading', () => {
    expect(pinyinName(hanName('单', '雄'), 'passport')).toBe('SHAN Xiong');
    expect(pinyinName(hanName('曾', '国强'), 'western')).toBe('Guoqiang Zeng');
    expect(pinyinName(hanName('欧阳', '晓东'), 'passport')).toBe('OUYANG Xiaodong');
    expect(pinyinParts(hanName('解', '放'))).toEqual(['XIE', 'FANG']);
  });

  it('write Uyghur names given name first', () => {
    const name = uyghurName(new Rng(9), 'F');
    expect(pinyinName(name, 'passport').split(' ')).toHaveLength(2);
  });
});

describe('id errors', () => {
  const id = '11010519491231002X';

  it('a typo or an adjacent swap always fails the checksum', () => {
    const rng = new Rng(10);
    expect(passes(id)).toBe(true);
    for (let i = 0; i < 500; i++) {
      const typo = typoId(rng, id);
      expect(typo).not.toBe(id);
      expect(passes(typo)).toBe(false);
      const swapped = swapId(rng, id)!;
      expect(swapped).not.toBe(id);
      expect(passes(swapped)).toBe(false);
    }
  });

  it('formatting keeps the same digits', () => {
    const rng = new Rng(11);
    for (let i = 0; i < 50; i++) {
      const cleaned = formatId(rng, id)
        .replace(/\s/g, '')
        .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10))
        .toUpperCase();
      expect(cleaned).toBe(id);
    }
  });
});

describe('traditional table', () => {
  it('maps only to characters that differ and round-trips through pinyin', () => {
    for (const [s, t] of traditionalTable) {
      expect(t).not.toBe(s);
      expect(pinyin(t, { toneType: 'none' }), `${s}/${t}`).toBe(pinyin(s, { toneType: 'none' }));
    }
  });
});
