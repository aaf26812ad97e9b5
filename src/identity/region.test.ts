import { describe, expect, it } from 'vitest';
import { regionName, regionNameEn } from './region.js';

describe('English region names (for the English console)', () => {
  it('reads the name in pinyin and translates the division suffix', () => {
    expect(regionName('440303')).toBe('罗湖区');
    expect(regionNameEn('440303')).toBe('Luohu District');
    expect(regionNameEn('440300')).toBe('Shenzhen City');
    expect(regionNameEn('440000')).toBe('Guangdong Province');
    expect(regionNameEn('429021')).toBe('Shennongjia Forestry District');
  });
  it("separates syllables that would run together (Lu'an, not Luan)", () => {
    expect(regionNameEn('341500')).toBe("Lu'an City");
  });
  it('knows no name for an unknown code', () => {
    expect(regionNameEn('999999')).toBeNull();
    expect(regionNameEn('abc')).toBeNull();
  });
});
