import { describe, expect, it } from 'vitest';
import { type Home, renderHome, splitHome } from './addresses.js';
import { Rng } from './random.js';
import { countiesIn, countyNames, floatingHukouPicker } from './regions.js';

describe('regions', () => {
  it('lists the districts of Shenzhen', () => {
    const counties = countiesIn('440300');
    expect(counties).toContain('440305');
    expect(counties.every((c) => c.startsWith('4403'))).toBe(true);
    expect(countyNames('440305')).toEqual({ province: '广东省', city: '深圳市', county: '南山区' });
  });

  it('picks floating hukou outside the node, mostly from the big sending provinces', () => {
    const picker = floatingHukouPicker('440300');
    const rng = new Rng(12);
    const byProvince = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const county = picker.pick(rng);
      expect(county.startsWith('4403')).toBe(false);
      byProvince.set(county.slice(0, 2), (byProvince.get(county.slice(0, 2)) ?? 0) + 1);
    }
    const top = [...byProvince.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p);
    expect(top.slice(0, 2)).toEqual(['44', '43']);
    expect(byProvince.size).toBeGreaterThan(20);
  });
});

describe('address styles', () => {
  const home: Home = { county: '440305', street: '粤海街道', road: '科技南路', roadNumber: 18, place: '华润城', isVillage: false, building: '3栋', room: '1502' };

  it('renders with and without province, abbreviated, and by district only', () => {
    expect(renderHome(home, 'full')).toBe('广东省深圳市南山区粤海街道科技南路18号华润城3栋1502');
    expect(renderHome(home, 'no_province', '室')).toBe('深圳市南山区粤海街道科技南路18号华润城3栋1502室');
    expect(renderHome(home, 'short_city')).toBe('深圳南山区粤海街道科技南路18号华润城3栋1502');
    expect(renderHome(home, 'county')).toBe('南山区粤海街道科技南路18号华润城3栋1502');
    expect(renderHome(home, 'no_street')).toBe('深圳市南山区科技南路18号华润城3栋1502');
  });

  it('splits over the columns a lease register keeps', () => {
    expect(splitHome(home)).toEqual(['南山区', '粤海街道', '科技南路18号', '华润城', '3栋', '1502']);
  });
});
