// 户籍地址 / 现居住地址: an address is parsed to the deepest GB/T 2260 division it names (province
// 440000, prefecture 440300 or county 440305) and the remaining detail. Names may be short (深圳,
// 杭州西湖区, 广东深圳) and higher levels may be missing (广东省南山区, 南山区...).
//
// A county name alone that several counties share (南山区: 鹤岗 230404 and 深圳 440305) is not
// guessed: the result is ok:false `ambiguous_region`, unless the caller's jurisdiction (`within`)
// or a shared parent settles it. An address without any division is ok:false `no_region`.

import { getAddressIndex, type NameEntry, type TrieNode } from './address-index.js';
import type { RegionLevel } from './address-names.js';
import type { Normalized } from './normalized.js';
import { regionNames, regionParents, significantPrefix } from './region.js';
import { toSimplified } from './simplified.js';
import { cleanText } from './text.js';

export { isWithinRegion, listCounties, regionName, regionParents } from './region.js';

export interface ParsedAddress {
  /** Deepest 6-digit GB/T 2260 code named, or null. */
  code: string | null;
  level: RegionLevel | null;
  /** Official names from the province down to `code`. */
  names: string[];
  /** What follows the division names (street, building, room). */
  detail: string;
}

export interface NormalizedAddress extends Normalized<string> {
  parsed: ParsedAddress;
}

/** Characters that end a road or place name: a short name before them is not a division (中山路). */
const NAME_CONTINUATIONS = new Set([...'路街巷道弄桥村镇乡号里']);
const COUNTRY_PREFIXES = ['中华人民共和国', '中国'];
/** GB/T 2260 placeholder names that exported records sometimes spell out (北京市市辖区东城区). */
const FILLERS = ['自治区直辖县级行政区划', '省直辖县级行政区划', '市辖区', '县'];

function skipSeparators(text: string, pos: number): number {
  let p = pos;
  for (;;) {
    const c = text.charCodeAt(p);
    if (c === 0x20 || c === 0x2c || c === 0x3001 || c === 0x2d || c === 0x3a) p++;
    else return p;
  }
}

function skipWords(text: string, pos: number, words: readonly string[]): number {
  const p = skipSeparators(text, pos);
  for (const w of words) if (text.startsWith(w, p)) return skipSeparators(text, p + w.length);
  return p;
}

/** The best readings found so far: all ending at `end`, with `aliases` short names, `depth` deep. */
interface Readings {
  end: number;
  aliases: number;
  depth: number;
  finals: NameEntry[];
}

/** Longer reading first, then fewer short names, then the shallower division. */
function consider(best: Readings, entry: NameEntry, end: number, aliases: number): void {
  const order = end - best.end || best.aliases - aliases || best.depth - entry.depth;
  if (order > 0) {
    best.end = end;
    best.aliases = aliases;
    best.depth = entry.depth;
    best.finals = [entry];
  } else if (order === 0 && !best.finals.some((e) => e.code === entry.code)) {
    best.finals.push(entry);
  }
}

/**
 * Reads division names from `pos`, each deeper than and inside the one before (`depth`,
 * `prefix`), and keeps the best readings. At most three levels deep, so the search is tiny.
 */
function search(text: string, root: TrieNode, pos: number, depth: number, prefix: string, aliases: number, best: Readings): void {
  let node: TrieNode | undefined = root;
  for (let i = pos; i < text.length; i++) {
    node = node.next.get(text.charCodeAt(i));
    if (node === undefined) return;
    for (const entry of node.entries) {
      if (entry.depth <= depth || !entry.code.startsWith(prefix)) continue;
      if (entry.alias && NAME_CONTINUATIONS.has(text.charAt(i + 1))) continue;
      const total = aliases + (entry.alias ? 1 : 0);
      consider(best, entry, i + 1, total);
      if (entry.depth === 2) continue;
      const next = skipSeparators(text, i + 1);
      search(text, root, next, entry.depth, entry.prefix, total, best);
      const afterFiller = skipWords(text, next, FILLERS);
      if (afterFiller !== next) search(text, root, afterFiller, entry.depth, entry.prefix, total, best);
    }
  }
}

function deepestCommonCode(codes: readonly string[]): string | null {
  const [first, ...rest] = codes.map(regionParents);
  if (first === undefined) return null;
  let common: string | null = null;
  for (const candidate of first) {
    if (rest.every((parents) => parents.includes(candidate))) common = candidate;
  }
  return common;
}

function levelOf(code: string): RegionLevel {
  return code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';
}

function resolved(raw: string, value: string, code: string, detail: string): NormalizedAddress {
  return { raw, value, ok: true, parsed: { code, level: levelOf(code), names: regionNames(code), detail } };
}

/**
 * Cleaned address text plus the deepest division it names. `within` (a GB/T 2260 code, usually
 * the node's jurisdiction) only breaks ties between equally good readings.
 */
export function parseAddress(raw: string, within?: string): NormalizedAddress {
  const trimmed = raw.trim();
  const value = cleanText(trimmed);
  const text = toSimplified(value);
  const unresolved = (issue: string): NormalizedAddress => ({
    raw: trimmed, value, ok: false, issue, parsed: { code: null, level: null, names: [], detail: value },
  });
  if (value === '') return unresolved('empty');
  const best: Readings = { end: -1, aliases: 0, depth: 0, finals: [] };
  search(text, getAddressIndex().root, skipWords(text, 0, COUNTRY_PREFIXES), -1, '', 0, best);
  if (best.finals.length === 0) return unresolved('no_region');
  let finals = best.finals;
  const withinPrefix = within === undefined || finals.length === 1 ? '' : significantPrefix(within);
  if (withinPrefix !== '') {
    const inside = finals.filter((e) => e.code.startsWith(withinPrefix));
    if (inside.length > 0) finals = inside;
  }
  const detail = text.slice(skipSeparators(text, best.end));
  const code = finals.length === 1 ? finals[0]!.code : deepestCommonCode(finals.map((e) => e.code));
  return code === null ? unresolved('ambiguous_region') : resolved(trimmed, value, code, detail);
}
