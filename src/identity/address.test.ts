import { describe, expect, it } from 'vitest';
import { isWithinRegion, listCounties, parseAddress, regionName, regionParents } from './address.js';

describe('parseAddress', () => {
  it('reads province, prefecture and county and keeps the rest as detail', () => {
    const a = parseAddress('广东省深圳市南山区科技园');
    expect(a).toMatchObject({ ok: true, value: '广东省深圳市南山区科技园' });
    expect(a.parsed).toEqual({ code: '440305', level: 'county', names: ['广东省', '深圳市', '南山区'], detail: '科技园' });
  });

  it('reads short names and a missing province', () => {
    expect(parseAddress('深圳南山区粤海街道').parsed).toMatchObject({ code: '440305', detail: '粤海街道' });
    expect(parseAddress('杭州西湖区文三路').parsed.code).toBe('330106');
    expect(parseAddress('深圳市南山区').parsed.code).toBe('440305');
    expect(parseAddress('广东深圳').parsed).toMatchObject({ code: '440300', level: 'prefecture' });
    expect(parseAddress('杭州').parsed).toMatchObject({ code: '330100', level: 'prefecture' });
    expect(parseAddress('广东省南山区').parsed.code).toBe('440305');
  });

  it('reads autonomous regions, prefectures (自治州, 地区, 盟) and counties', () => {
    expect(parseAddress('新疆维吾尔自治区乌鲁木齐市天山区解放北路1号').parsed).toMatchObject({ code: '650102', detail: '解放北路1号' });
    expect(parseAddress('新疆乌鲁木齐天山区').parsed.code).toBe('650102');
    expect(parseAddress('吉林省延边朝鲜族自治州延吉市').parsed.code).toBe('222401');
    expect(parseAddress('延边州延吉市').parsed.code).toBe('222401');
    expect(parseAddress('新疆阿克苏地区库车市').parsed.code).toBe('652902');
    expect(parseAddress('内蒙古兴安盟乌兰浩特市').parsed.code).toBe('152201');
    expect(parseAddress('重庆市石柱土家族自治县').parsed.code).toBe('500240');
    expect(parseAddress('广西壮族自治区南宁市').parsed.code).toBe('450100');
  });

  it('reads municipalities and prefecture-level cities without counties', () => {
    expect(parseAddress('北京市朝阳区建国路').parsed).toMatchObject({ code: '110105', names: ['北京市', '朝阳区'] });
    expect(parseAddress('广东省东莞市东城街道').parsed).toMatchObject({ code: '441900', level: 'prefecture', detail: '东城街道' });
    expect(parseAddress('湖北省仙桃市').parsed.code).toBe('429004');
  });

  it('skips GB/T 2260 placeholder names that exported records spell out', () => {
    expect(parseAddress('北京市市辖区东城区').parsed.code).toBe('110101');
    expect(parseAddress('重庆市县城口县').parsed.code).toBe('500229');
    expect(parseAddress('湖北省省直辖县级行政区划仙桃市').parsed.code).toBe('429004');
  });

  it('finds place names that traditional-to-simplified conversion would spoil (乾县 is not 干县)', () => {
    expect(parseAddress('陕西省咸阳市乾县').parsed.code).toBe('610424');
    expect(parseAddress('吉林省松原市乾安县').parsed.code).toBe('220723');
  });

  it('prefers the longer reading (吉林市 over 吉林省) and full names over short ones', () => {
    expect(parseAddress('吉林市船营区').parsed.code).toBe('220204');
    expect(parseAddress('海南省海口市').parsed.code).toBe('460100');
    expect(parseAddress('青海省海南州共和县').parsed.code).toBe('632521');
  });

  it('folds traditional characters, full-width forms and a country prefix', () => {
    expect(parseAddress('廣東省深圳市福田區').parsed.code).toBe('440304');
    expect(parseAddress('中国 广东省 广州市 天河区 体育西路').parsed).toMatchObject({ code: '440106', detail: '体育西路' });
  });

  // Decision: a county name shared by several counties is not guessed. 南山区 alone is 鹤岗's or
  // 深圳's; the node's jurisdiction settles it when given.
  it('refuses to guess an ambiguous county unless the jurisdiction settles it', () => {
    const alone = parseAddress('南山区科技园');
    expect(alone).toMatchObject({ ok: false, issue: 'ambiguous_region', value: '南山区科技园' });
    expect(alone.parsed.code).toBeNull();
    expect(parseAddress('南山区科技园', '440300').parsed).toMatchObject({ code: '440305', detail: '科技园' });
    expect(parseAddress('黑龙江鹤岗南山区').parsed.code).toBe('230404');
  });

  it('does not take a road name for a division', () => {
    expect(parseAddress('中山路12号')).toMatchObject({ ok: false, issue: 'no_region' });
    expect(parseAddress('深圳市南山路').parsed).toMatchObject({ code: '440300', detail: '南山路' });
  });

  it('flags an address without any division but keeps its text', () => {
    const a = parseAddress('科技园南区 8 栋');
    expect(a).toMatchObject({ ok: false, issue: 'no_region', value: '科技园南区 8 栋' });
    expect(a.parsed).toEqual({ code: null, level: null, names: [], detail: '科技园南区 8 栋' });
    expect(parseAddress('').issue).toBe('empty');
  });
});

describe('region codes', () => {
  it('names divisions of every level', () => {
    expect(regionName('440305')).toBe('南山区');
    expect(regionName('440300')).toBe('深圳市');
    expect(regionName('440000')).toBe('广东省');
    expect(regionName('810000')).toBe('香港特别行政区');
    expect(regionName('330103')).toBeNull(); // 下城区, abolished in 2021
    expect(regionName('130171')).toBeNull(); // a functional zone, not GB/T 2260
  });

  it('lists parents by the digits', () => {
    expect(regionParents('440305')).toEqual(['440000', '440300', '440305']);
    expect(regionParents('441900')).toEqual(['440000', '441900']);
    expect(regionParents('440000')).toEqual(['440000']);
    expect(regionParents('330103')).toEqual(['330000', '330100', '330103']);
    expect(regionParents('4403')).toEqual([]);
  });

  it('tests containment by significant prefix', () => {
    expect(isWithinRegion('440305', '440300')).toBe(true);
    expect(isWithinRegion('440305', '440000')).toBe(true);
    expect(isWithinRegion('440305', '440305')).toBe(true);
    expect(isWithinRegion('440305', '440100')).toBe(false);
    expect(isWithinRegion('450305', '440000')).toBe(false);
    expect(isWithinRegion('440305', '000000')).toBe(false);
  });

  it('lists county codes, a prefecture without counties standing for itself', () => {
    const shenzhen = listCounties('440300');
    expect(shenzhen).toContain('440305');
    expect(shenzhen.every((c) => c.startsWith('4403') && c !== '440300')).toBe(true);
    expect(listCounties('441900')).toEqual(['441900']);
    const guangdong = listCounties('440000');
    expect(guangdong).toEqual(expect.arrayContaining(['440305', '441900', '442000']));
    expect(listCounties('130100').some((c) => c.charAt(4) === '7')).toBe(false);
    expect(listCounties('999999')).toEqual([]);
  });
});
