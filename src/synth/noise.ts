// The mistakes and habits of data entry, as small pure functions over a PRNG: id typos and
// swaps, 15-digit legacy ids, homophones, look-alike and traditional characters, pinyin names,
// and harmless formatting (spaces, full-width digits, +86) that the standard must absorb.

import { pinyin } from 'pinyin-pro';
import { type Day, dayOf, ymdOf } from './dates.js';
import type { PersonName } from './names.js';
import type { Rng } from './random.js';
import { toTraditional } from './traditional.js';

// Groups of characters with the same toneless pinyin (surname reading for surnames: 谢/解 xie).
const homophoneGroups = [
  '伟玮炜', '静晶婧', '丽莉俐', '敏闽', '军君钧俊骏', '华桦骅', '明铭鸣', '杰洁捷', '涛韬', '勇永咏',
  '峰锋丰枫', '磊蕾', '强蔷', '阳洋扬', '艳燕雁', '芳方', '娟鹃', '霞侠', '平萍', '红宏鸿', '玲铃',
  '婷亭', '慧惠蕙辉晖', '斌彬滨', '浩昊皓', '宇雨羽禹', '轩萱宣', '涵晗', '怡宜仪', '欣馨昕新',
  '梓紫', '凯恺铠', '鹏朋', '琳林霖', '英瑛', '兰岚', '梅玫', '刚钢', '健建剑', '飞菲', '佳嘉家',
  '琪琦淇', '晨辰臣', '国帼', '志智', '文雯', '东冬', '成诚城', '张章', '刘柳', '王汪', '徐许',
  '吴武伍', '江姜', '肖萧', '于余俞', '何贺', '付傅', '朱祝', '高郜', '罗骆', '谢解', '程成',
];
const homophones = new Map<string, string[]>();
for (const group of homophoneGroups) {
  for (const c of group) homophones.set(c, [...group].filter((o) => o !== c));
}

// Characters a tired eye or an OCR pass confuses.
const lookalikeGroups = ['王玉', '李季', '杨扬', '侯候', '于干', '田由', '晴睛', '徽微', '佳住', '末未', '己已巳', '戍戌戊', '土士', '天夭', '大太', '日曰', '人入', '免兔', '崇祟', '拔拨', '汩汨', '折析'];
const lookalikes = new Map<string, string[]>();
for (const group of lookalikeGroups) {
  for (const c of group) lookalikes.set(c, [...group].filter((o) => o !== c));
}

export const homophoneTable: ReadonlyMap<string, readonly string[]> = homophones;
export const lookalikeTable: ReadonlyMap<string, readonly string[]> = lookalikes;

function replaceOne(rng: Rng, text: string, table: ReadonlyMap<string, readonly string[]>): string | null {
  const chars = [...text];
  const positions = chars.flatMap((c, i) => (table.has(c) ? [i] : []));
  if (positions.length === 0) return null;
  const at = rng.pick(positions);
  chars[at] = rng.pick(table.get(chars[at] as string) as string[]);
  return chars.join('');
}

/** One character replaced by another read the same way, or null when the name has none. */
export function homophoneName(rng: Rng, name: string): string | null {
  return replaceOne(rng, name, homophones);
}

export function lookalikeName(rng: Rng, name: string): string | null {
  return replaceOne(rng, name, lookalikes);
}

/** The name in traditional characters, or null when none of its characters differ. */
export function traditionalName(name: string): string | null {
  const t = toTraditional(name);
  return t === name ? null : t;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function pinyinOf(text: string, surname: boolean): string {
  return pinyin(text, { toneType: 'none', type: 'array', v: true, ...(surname ? { mode: 'surname' as const } : {}) }).join('');
}

/** Latin spelling of a name: 'ZHANG Wei' (passport order) or 'Wei Zhang' (western order). */
export function pinyinName(name: PersonName, order: 'passport' | 'western'): string {
  if (name.style === 'latin') return name.full;
  const family = pinyinOf(name.surname, name.style === 'han');
  const given = capitalize(pinyinOf(name.given, false));
  if (name.style === 'uyghur') return `${given} ${capitalize(family)}`;
  return order === 'passport' ? `${family.toUpperCase()} ${given}` : `${given} ${capitalize(family)}`;
}

/** The two roster columns 姓（拼音）and 名（拼音）, upper case as on travel documents. */
export function pinyinParts(name: PersonName): [string, string] {
  if (name.style === 'latin') return [name.surname, name.given.toUpperCase()];
  return [pinyinOf(name.surname, name.style === 'han').toUpperCase(), pinyinOf(name.given, false).toUpperCase()];
}

/** Harmless name formatting: an inner space (张 伟) or another minority separator. */
export function formatName(rng: Rng, name: string): string {
  if (name.includes('·')) return name.replace('·', rng.pick(['•', '・', '.', ' · ']));
  const chars = [...name];
  if (chars.length < 2) return name;
  return rng.chance(0.5) ? `${chars[0]} ${chars.slice(1).join('')}` : chars.join(' ');
}

const digitsNotEqual = (rng: Rng, d: string): string => {
  let r = String(rng.int(10));
  while (r === d) r = String(rng.int(10));
  return r;
};

/** One digit of the first 17 replaced: always fails the MOD 11-2 checksum. */
export function typoId(rng: Rng, id: string): string {
  const at = rng.int(17);
  return id.slice(0, at) + digitsNotEqual(rng, id.charAt(at)) + id.slice(at + 1);
}

/** Two adjacent unequal digits of the first 17 swapped (also always caught by the checksum). */
export function swapId(rng: Rng, id: string): string | null {
  const candidates: number[] = [];
  for (let i = 0; i < 16; i++) if (id[i] !== id[i + 1]) candidates.push(i);
  if (candidates.length === 0) return null;
  const i = rng.pick(candidates);
  return id.slice(0, i) + id.charAt(i + 1) + id.charAt(i) + id.slice(i + 2);
}

/** Formatting an id reader or a clerk adds: spaces, full-width digits, a lower-case x. */
export function formatId(rng: Rng, id: string): string {
  const choice = rng.int(3);
  if (choice === 0 && id.endsWith('X')) return id.slice(0, -1) + 'x';
  if (choice <= 1) return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  return id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

export function formatPhone(rng: Rng, phone: string): string {
  switch (rng.int(4)) {
    case 0:
      return `+86 ${phone}`;
    case 1:
      return `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 2:
      return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    default:
      return `86-${phone}`;
  }
}

/** A wrong but plausible birth date: month and day swapped, or one day off. */
export function wrongBirth(rng: Rng, birth: Day): Day {
  const { year, month, day } = ymdOf(birth);
  if (day <= 12 && day !== month && rng.chance(0.6)) return dayOf(year, day, month);
  return birth + (rng.chance(0.5) ? 1 : -1);
}
