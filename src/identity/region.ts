// GB/T 2260 region codes: names, parents, containment. A code's parents follow from its digits
// (2 province, 2 prefecture, 2 county), so they are known even for a code since abolished.

import { codePrefix, getAddressIndex } from './address-index.js';
import { hanziPinyin } from './pinyin.js';

export function isRegionCode(code: string): boolean {
  if (code.length !== 6 || code.startsWith('00')) return false;
  for (let i = 0; i < 6; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** 440305 → '440305', 440300 → '4403', 440000 → '44'; '' for anything that is not a code. */
export function significantPrefix(code: string): string {
  return isRegionCode(code) ? codePrefix(code) : '';
}

/** 440305 → ['440000', '440300', '440305']; 441900 → ['440000', '441900']. By digits, not by table. */
export function regionParents(code: string): string[] {
  if (!isRegionCode(code)) return [];
  const out = [`${code.slice(0, 2)}0000`];
  if (code.slice(2, 4) !== '00') out.push(`${code.slice(0, 4)}00`);
  if (code.slice(4) !== '00') out.push(code);
  return out;
}

/** 440305 → 南山区; null for codes not in the table (abolished, functional zones, nonsense). */
export function regionName(code: string): string | null {
  return getAddressIndex().divisions.get(code)?.name ?? null;
}

/** True when `code` lies in `jurisdiction` (or is it): 440305 is within 440300 and 440000. */
export function isWithinRegion(code: string, jurisdiction: string): boolean {
  const prefix = significantPrefix(jurisdiction);
  return prefix !== '' && isRegionCode(code) && code.startsWith(prefix);
}

/**
 * County-level codes under a province or prefecture (functional zones excluded). A prefecture
 * without counties (东莞 441900) stands for itself; a county code gives itself.
 */
export function listCounties(prefectureOrProvince: string): string[] {
  const { divisions, counties } = getAddressIndex();
  const division = divisions.get(prefectureOrProvince);
  if (division === undefined) return [];
  if (division.level === 'county') return [division.code];
  const prefix = significantPrefix(division.code);
  const found = counties.filter((c) => c.startsWith(prefix));
  const prefectures = division.level === 'province'
    ? [...divisions.values()].filter((d) => d.level === 'prefecture' && d.code.startsWith(prefix))
    : [division];
  for (const p of prefectures) {
    const inner = significantPrefix(p.code);
    if (!found.some((c) => c.startsWith(inner)) && !isPlaceholder(p.name)) found.push(p.code);
  }
  return found.sort();
}

function isPlaceholder(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

const namesCache = new Map<string, readonly string[]>();

/** Official names from the province down to `code`, GB/T 2260 placeholders (市辖区) left out. */
export function regionNames(code: string): string[] {
  let names = namesCache.get(code);
  if (names === undefined) {
    const found: string[] = [];
    for (const parent of regionParents(code)) {
      const name = regionName(parent);
      if (name !== null && !isPlaceholder(name)) found.push(name);
    }
    names = found;
    // Bounded by the number of divisions; nonsense codes have no names and are not kept.
    if (found.length > 0) namesCache.set(code, found);
  }
  return [...names];
}

/** Suffixes of division names, longest first, with their English form. */
const suffixesEn: readonly [string, string][] = [
  ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['自治州', 'Autonomous Prefecture'], ['自治区', 'Autonomous Region'],
  ['林区', 'Forestry District'], ['特区', 'Special District'], ['地区', 'Prefecture'], ['新区', 'New Area'],
  ['区', 'District'], ['县', 'County'], ['市', 'City'], ['旗', 'Banner'], ['盟', 'League'], ['州', 'Prefecture'], ['省', 'Province'],
];

/** An English name for the console's English mode: 罗湖区 → Luohu District, 六安市 → Lu'an City. */
export function regionNameEn(code: string): string | null {
  const zh = regionName(code);
  if (zh === null) return null;
  const [suffix, en] = suffixesEn.find(([s]) => zh.length > s.length && zh.endsWith(s)) ?? ['', ''];
  const syllables = hanziPinyin(zh.slice(0, zh.length - suffix.length), false);
  if (syllables.length === 0) return zh;
  const joined = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  const proper = joined.charAt(0).toUpperCase() + joined.slice(1);
  return en === '' ? proper : `${proper} ${en}`;
}
