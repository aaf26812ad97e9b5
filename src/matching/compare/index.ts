// The comparisons the model weighs, in a fixed order, and the one function that fills a pair's
// levels. Levels run from strongest agreement to the catch-all last level; -1 means the pair
// cannot be compared on that field (missing on a side) and carries no weight.

import type { RecordFeatures } from '../features.js';
import { birthLevel, birthLevels } from './birth.js';
import { contactLevel, contactLevels } from './contact.js';
import { employerLevel, employerLevels } from './employer.js';
import { idLevel, idLevels } from './id.js';
import { compareLatinParts, latinPartLevels } from './latin-name.js';
import { nameLevel, nameLevels } from './name.js';
import { relationLevel, relationLevels } from './relation.js';
import { sexLevel, sexLevels } from './sex.js';

export interface ComparisonSpec {
  name: string;
  levels: readonly string[];
}

export const comparisons: readonly ComparisonSpec[] = [
  { name: 'name', levels: nameLevels },
  { name: 'given_name', levels: latinPartLevels },
  { name: 'surname', levels: latinPartLevels },
  { name: 'id', levels: idLevels },
  { name: 'birth', levels: birthLevels },
  { name: 'sex', levels: sexLevels },
  { name: 'contact', levels: contactLevels },
  { name: 'employer', levels: employerLevels },
  { name: 'relation', levels: relationLevels },
];

export const C_NAME = 0;
export const C_GIVEN = 1;
export const C_SURNAME = 2;
export const C_ID = 3;
export const C_BIRTH = 4;
export const C_SEX = 5;
export const C_CONTACT = 6;
export const C_EMPLOYER = 7;
export const C_RELATION = 8;
export const COMPARISON_COUNT = comparisons.length;

/** Fills out[0..COMPARISON_COUNT) with the pair's levels (-1 where not comparable). No allocation. */
export function compareRecords(a: RecordFeatures, b: RecordFeatures, out: Int8Array): void {
  out[C_NAME] = nameLevel(a, b);
  compareLatinParts(a, b, out, C_GIVEN);
  out[C_ID] = idLevel(a, b);
  out[C_BIRTH] = a.birth === null || b.birth === null ? -1 : birthLevel(a.birth, b.birth);
  out[C_SEX] = a.sex === null || b.sex === null ? -1 : sexLevel(a.sex, b.sex);
  out[C_CONTACT] = contactLevel(a, b);
  out[C_EMPLOYER] = employerLevel(a, b);
  out[C_RELATION] = relationLevel(a, b);
}

/** The pair's levels by name, for explanations: `{ name: 'pinyin', birth: 'equal' }`. */
export function levelNames(levels: ArrayLike<number>): Record<string, string> {
  const named: Record<string, string> = {};
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    const level = levels[c]!;
    if (level >= 0) named[comparisons[c]!.name] = comparisons[c]!.levels[level]!;
  }
  return named;
}

/** Packs a pair's levels into one number (4 bits per comparison), to keep links small. */
export function packLevels(levels: Int8Array): number {
  let packed = 0;
  for (let c = COMPARISON_COUNT - 1; c >= 0; c--) packed = packed * 16 + (levels[c]! + 1);
  return packed;
}

export function unpackLevels(packed: number, into: Int8Array): Int8Array {
  let rest = packed;
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    into[c] = (rest % 16) - 1;
    rest = Math.floor(rest / 16);
  }
  return into;
}
