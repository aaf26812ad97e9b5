// Short names people write for divisions: 广东 for 广东省, 深圳 for 深圳市, 延边 or 延边州 for
// 延边朝鲜族自治州, 南山 for 南山区, 石柱 for 石柱土家族自治县. A short name keeps at least two
// characters, so 城区 and 郊区 have none.

import { ETHNIC_BASE_NAMES } from './ethnicity.js';

export type RegionLevel = 'province' | 'prefecture' | 'county';

const SUFFIXES: Readonly<Record<RegionLevel, readonly string[]>> = {
  province: ['特别行政区', '自治区', '省', '市'],
  prefecture: ['自治州', '地区', '盟', '市'],
  county: ['自治县', '自治旗', '林区', '特区', '新区', '区', '县', '市', '旗'],
};

const AUTONOMOUS = new Set(['自治区', '自治州', '自治县', '自治旗']);
const MIN_LENGTH = 2;

/** 黔东南苗族侗族 → 黔东南; 博尔塔拉蒙古 → 博尔塔拉. Bare one-character group names are kept. */
function stripEthnicTail(name: string): string {
  let current = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const base of ETHNIC_BASE_NAMES) {
      for (const tail of base.length > 1 ? [`${base}族`, base] : [`${base}族`]) {
        if (current.endsWith(tail) && current.length - tail.length >= MIN_LENGTH) {
          current = current.slice(0, -tail.length);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return current;
}

/** Short names of a division, without the full name itself. */
export function divisionAliases(name: string, level: RegionLevel): string[] {
  const suffix = SUFFIXES[level].find((s) => name.endsWith(s) && name.length - s.length >= MIN_LENGTH);
  if (suffix === undefined) return [];
  let base = name.slice(0, -suffix.length);
  if (AUTONOMOUS.has(suffix)) base = stripEthnicTail(base);
  const aliases = new Set<string>([base]);
  if (suffix === '自治州') aliases.add(`${base}州`);
  aliases.delete(name);
  return [...aliases];
}
