import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../features.js';
import { input, type InputSpec } from '../fixtures.js';
import { addressLevel, addressLevels, regionPrefix } from './address.js';
import { contactLevel, contactLevels } from './contact.js';
import { phoneLevel, phoneLevels } from './phone.js';

function contact(a: InputSpec, b: InputSpec): string | null {
  const l = contactLevel(extractFeatures(input('a', a)), extractFeatures(input('b', b)));
  return l < 0 ? null : contactLevels[l]!;
}

const home = '广东省深圳市南山区科技园路1号3栋501';
const phone = '13800138000';

describe('household contact levels', () => {
  it('phone and home', () => expect(contact({ phone, residence: home }, { phone, residence: home })).toBe('phone_and_home'));
  it('phone only (the person moved)', () => {
    expect(contact({ phone, residence: home }, { phone, residence: '湖南省长沙市岳麓区麓山路5号' })).toBe('phone');
  });
  it('home, same place', () => expect(contact({ residence: home }, { residence: home, phone })).toBe('home_same'));
  it('home, detail close', () => expect(contact({ residence: home }, { residence: '深圳市南山区科技园路1号3栋502' })).toBe('home_close'));
  it('home, detail partly alike (in one county the county level comes first)', () => {
    expect(contact({ residence: '科技园路1号3栋501' }, { residence: '科技园路1号5栋301' })).toBe('home_partial');
    expect(contact({ residence: home }, { residence: '深圳市南山区科技园路1号5栋301' })).toBe('same_region');
  });
  it('same county only', () => expect(contact({ residence: home }, { residence: '深圳市南山区桃园路99号' })).toBe('same_region'));
  it('same prefecture only', () => expect(contact({ residence: home }, { residence: '深圳市福田区华强北路100号' })).toBe('same_city'));
  it('the hukou address counts as a home too', () => expect(contact({ hukou: home }, { hukou: home })).toBe('home_same'));
  it('different', () => {
    expect(contact({ residence: home }, { residence: '湖南省长沙市岳麓区麓山路5号' })).toBe('different');
    expect(contact({ phone }, { phone: '13900139000' })).toBe('different');
  });
  it('nothing comparable', () => expect(contact({ phone }, { residence: home })).toBeNull());
});

describe('address levels', () => {
  it('compares details when there are no codes (foreign addresses)', () => {
    const a = extractFeatures(input('a', { residence: '6 tullaroop street willaroo st james 4011 wa' }));
    const b = extractFeatures(input('b', { residence: '6 tullaroop street willaroo st jame 4011 wa' }));
    const l = addressLevel(a.residenceRegion, a.residenceGrams, b.residenceRegion, b.residenceGrams);
    expect(addressLevels[l]).toBe('detail_close');
  });
  it('reads region codes as prefixes so a county lies in its prefecture', () => {
    expect(regionPrefix('440305')).toBe('440305');
    expect(regionPrefix('440300')).toBe('4403');
    expect(regionPrefix('440000')).toBe('44');
    expect(regionPrefix(null)).toBeNull();
    const l = addressLevel('4403', Uint32Array.of(1, 2), '440305', Uint32Array.of(1, 2));
    expect(addressLevels[l]).toBe('same_place');
  });
});

describe('phone levels', () => {
  it('equal, one digit, different', () => {
    expect(phoneLevels[phoneLevel(phone, phone)]).toBe('equal');
    expect(phoneLevels[phoneLevel(phone, '13800138001')]).toBe('one_digit');
    expect(phoneLevels[phoneLevel(phone, '13911112222')]).toBe('different');
  });
});
