import { describe, expect, it } from 'vitest';
import { parseLatinName } from './name-parts.js';

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
