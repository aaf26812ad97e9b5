import { describe, expect, it } from 'vitest';
import { parseLatinName, surnameLength } from './name-parts.js';

describe('surnameLength', () => {
  it('knows compound surnames and leaves two-character names alone', () => {
    expect(surnameLength('欧阳娜娜')).toBe(2);
    expect(surnameLength('司马光')).toBe(2);
    expect(surnameLength('张伟')).toBe(1);
    expect(surnameLength('欧阳')).toBe(1); // a two-character name: 欧 is the surname
  });
});

describe('parseLatinName', () => {
  it('prefers the split fields of the source', () => {
    expect(parseLatinName('ignored', 'John', 'SMITH')).toEqual({ given: 'john', surname: 'smith' });
    expect(parseLatinName('x', null, 'waller')).toEqual({ given: null, surname: 'waller' });
  });

  it('reads the passport style, the comma style and the western order', () => {
    expect(parseLatinName('ZHANG Wei', null, null)).toEqual({ given: 'wei', surname: 'zhang' });
    expect(parseLatinName('Wei ZHANG', null, null)).toEqual({ given: 'wei', surname: 'zhang' });
    expect(parseLatinName('Smith, John Paul', null, null)).toEqual({ given: 'john paul', surname: 'smith' });
    expect(parseLatinName('John Paul Smith', null, null)).toEqual({ given: 'john paul', surname: 'smith' });
  });

  it('treats a lone word as a surname', () => {
    expect(parseLatinName('Madonna', null, null)).toEqual({ given: null, surname: 'madonna' });
  });
});
