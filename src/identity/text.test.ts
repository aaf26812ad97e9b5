import { describe, expect, it } from 'vitest';
import { cleanText, collapseWhitespace } from './text.js';

describe('cleanText', () => {
  it('folds full-width characters and the ideographic space (NFKC)', () => {
    expect(cleanText('Ａｂｃ　１２３')).toBe('Abc 123');
    expect(cleanText('（深圳）')).toBe('(深圳)');
  });

  it('strips control, zero-width and bidi characters', () => {
    expect(cleanText('张\u200b伟\u0000')).toBe('张伟');
    expect(cleanText('\ufeff广东\u202e省\u0085深圳')).toBe('广东省 深圳');
    expect(cleanText('a\u00adb\u0007c')).toBe('abc');
  });

  it('collapses whitespace runs and trims', () => {
    expect(cleanText('  广东省 \t\n 深圳市  ')).toBe('广东省 深圳市');
    expect(cleanText('\u3000\u3000')).toBe('');
  });

  it('returns already clean text unchanged', () => {
    expect(cleanText('张伟 Zhang Wei')).toBe('张伟 Zhang Wei');
    expect(cleanText('')).toBe('');
  });

  it('recomposes a letter and an accent that a stripped control separated', () => {
    expect(cleanText('e\u0000\u0301')).toBe('\u00e9');
  });
});

describe('collapseWhitespace', () => {
  it('keeps single inner spaces', () => {
    expect(collapseWhitespace(' a  b\u2028c ')).toBe('a b c');
  });
});
