// Blocking: which records are compared at all. Every record files itself under a few short keys
// (id, region+birth read from the id, name+birth, surname+birth, given name+birth, phone,
// name+address, guardian); two records are compared when they share a key. A key that gathers
// more than `cap` records is oversized and no longer used (a shared dummy phone, a placeholder id).

import { extractFeatures, type RecordFeatures } from './features.js';
import type { MatchInput } from './types.js';

/** Key families, by the short prefix their keys carry. */
export const keyFamilies = {
  i: 'id',
  r: 'id_region_birth',
  nb: 'name_birth',
  sb: 'surname_birth',
  gb: 'given_birth',
  p: 'phone',
  na: 'name_address',
  nx: 'name_region',
  ba: 'birth_address',
  ip: 'id_part',
  g: 'guardian',
} as const;

export type KeyPrefix = keyof typeof keyFamilies;
export type KeyFamily = (typeof keyFamilies)[KeyPrefix];

export const DEFAULT_BLOCK_CAP = 64;

/** The family of a key such as `nb:lizhang|1990-01-02` (read from its first two characters: hot path). */
export function familyOf(key: string): KeyFamily {
  const second = key.charCodeAt(1);
  switch (key.charCodeAt(0)) {
    case 0x69: // i
      return second === 0x70 ? 'id_part' : 'id';
    case 0x72: // r
      return 'id_region_birth';
    case 0x6e: // n
      return second === 0x62 ? 'name_birth' : second === 0x78 ? 'name_region' : 'name_address';
    case 0x73: // s
      return 'surname_birth';
    case 0x67: // g
      return second === 0x62 ? 'given_birth' : 'guardian';
    case 0x70: // p
      return 'phone';
    default:
      return keyFamilies[key.slice(0, key.indexOf(':')) as KeyPrefix];
  }
}

/** The blocking keys of one record. Families differ by prefix and each family's values are distinct, so no key repeats. */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  if (f.id18 !== null && f.id18.length >= 5) keys.push(`i:${f.id18}`);
  if (f.idRegionBirth !== null) keys.push(`r:${f.idRegionBirth}`);
  const name = f.blockName;
  const birth = f.blockBirth;
  if (birth !== null) {
    if (name !== null) keys.push(`nb:${name}|${birth}`);
    if (f.blockSurname !== null) keys.push(`sb:${f.blockSurname}|${birth}`);
    if (f.blockGiven !== null) keys.push(`gb:${f.blockGiven}|${birth}`);
  }
  if (f.phone !== null) keys.push(`p:${f.phone}`);
  const numbers = f.detailNumbers;
  if (name !== null) {
    if (f.residenceRegion !== null) keys.push(`nx:${name}|${f.residenceRegion}`);
    if (f.hukouRegion !== null && f.hukouRegion !== f.residenceRegion) keys.push(`nx:${name}|${f.hukouRegion}`);
    for (const n of numbers) keys.push(`na:${name}#${n}`);
  }
  if (birth !== null) for (const n of numbers) keys.push(`ba:${birth}#${n}`);
  // Halves of an id that is not a resident id catch a slip in the other half (resident ids have r:).
  if (f.id18 !== null && !f.isResidentId && f.id18.length >= 6) {
    const half = f.id18.length >> 1;
    keys.push(`ip:<${f.id18.slice(0, half)}`, `ip:>${f.id18.slice(half)}`);
  }
  for (const r of f.related) {
    if (r.id !== null) keys.push(`g:${r.tie}|${r.id}`);
    else if (r.nameKey !== null && (r.phone ?? r.birth) !== null) keys.push(`g:${r.tie}|${r.nameKey}|${r.phone ?? r.birth}`);
  }
  return keys;
}

/** The blocking keys of an input, for a caller that keeps a persistent key → record index. */
export function blockingKeysOf(input: MatchInput): string[] {
  return blockingKeys(extractFeatures(input));
}

/** 32-bit FNV-1a of a key: the index stores hashes, not the key strings. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const EMPTY = 0;
const OVERSIZED = -1;
/** Table slot layout: [hash, head entry, size, unused]; one cache line holds four slots. */
const STRIDE = 4;

/**
 * The in-memory blocking index: key hash → records, in typed arrays (an open-addressing table of
 * hashes, each heading a linked list of record ordinals), so a million records cost tens of
 * megabytes and no garbage. Two keys with one hash share a block: a rare extra comparison.
 */
export class BlockIndex {
  private shift = 16;
  private table = new Int32Array(STRIDE << 16);
  private used = 0;
  /** Entries as [record ordinal, next entry]; entry 0 ends a list. */
  private entries = new Int32Array(2 << 16);
  private entryCount = 1;
  oversizedKeys = 0;

  constructor(readonly cap: number = DEFAULT_BLOCK_CAP) {}

  /** Offset of a hash's slot in the table: where it is, or the empty slot where it would go. Hash 0 is stored as 1. */
  private slot(hash: number): number {
    const h = hash === EMPTY ? 1 : hash;
    const mask = this.table.length - STRIDE;
    let at = (Math.imul(h, 0x9e3779b1) >>> this.shift) * STRIDE;
    for (;;) {
      const found = this.table[at]!;
      if (found === h || found === EMPTY) return at;
      at = (at + STRIDE) & mask;
    }
  }

  /** Calls `visit` with each record under the key, newest first; returns how many (0 when oversized). */
  visit(key: string, visit: (ord: number) => void): number {
    return this.visitHash(hashKey(key), visit);
  }

  add(key: string, ord: number): void {
    this.addHash(hashKey(key), ord);
  }

  /** `visit` for a key already hashed with hashKey (a record's keys are hashed once). */
  visitHash(hash: number, visit: (ord: number) => void): number {
    const at = this.slot(hash);
    const size = this.table[at + 2]!;
    if (this.table[at] === EMPTY || size === OVERSIZED) return 0;
    const entries = this.entries;
    for (let e = this.table[at + 1]!; e !== 0; e = entries[2 * e + 1]!) visit(entries[2 * e]!);
    return size;
  }

  addHash(hash: number, ord: number): void {
    let at = this.slot(hash);
    if (this.table[at] === EMPTY) {
      if ((this.used + 1) * 2 * STRIDE > this.table.length) {
        this.grow();
        at = this.slot(hash);
      }
      this.table[at] = hash === EMPTY ? 1 : hash;
      this.used++;
    }
    const size = this.table[at + 2]!;
    if (size === OVERSIZED) return;
    if (size >= this.cap) {
      this.table[at + 2] = OVERSIZED;
      this.oversizedKeys++;
      return;
    }
    if (2 * this.entryCount === this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    const e = this.entryCount++;
    this.entries[2 * e] = ord;
    this.entries[2 * e + 1] = this.table[at + 1]!;
    this.table[at + 1] = e;
    this.table[at + 2] = size + 1;
  }

  private grow(): void {
    const old = this.table;
    this.shift--;
    this.table = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += STRIDE) {
      if (old[i] === EMPTY) continue;
      const at = this.slot(old[i]!);
      this.table[at] = old[i]!;
      this.table[at + 1] = old[i + 1]!;
      this.table[at + 2] = old[i + 2]!;
    }
  }
}

export interface BlockingReport {
  records: number;
  /** Distinct pairs compared. */
  comparisons: number;
  /** Candidate pairs each key family proposed (a pair found by two families counts for both). */
  byFamily: Partial<Record<KeyFamily, number>>;
  oversizedKeys: number;
  /** Share of true pairs that were compared, when the truth is given. */
  recall: number | null;
}

/**
 * Replays the blocking over records in order (as the engine files them) and reports the work per
 * key family and, given the true person of each record, the blocking recall.
 */
export function blockingReport(features: readonly RecordFeatures[], truth: readonly string[] | null, cap = DEFAULT_BLOCK_CAP): BlockingReport {
  const index = new BlockIndex(cap);
  const byFamily: Partial<Record<KeyFamily, number>> = {};
  const seen = new Int32Array(features.length).fill(-1);
  let comparisons = 0;
  let truePairs = 0;
  let foundPairs = 0;
  const truthCount = new Map<string, number>();
  features.forEach((f, ord) => {
    const keys = blockingKeys(f);
    for (const key of keys) {
      const family = familyOf(key);
      byFamily[family] = (byFamily[family] ?? 0) + index.visit(key, (other) => {
        if (seen[other] === ord) return;
        seen[other] = ord;
        comparisons++;
        if (truth !== null && truth[other] === truth[ord]) foundPairs++;
      });
    }
    for (const key of keys) index.add(key, ord);
    if (truth !== null) {
      const label = truth[ord]!;
      const before = truthCount.get(label) ?? 0;
      truePairs += before;
      truthCount.set(label, before + 1);
    }
  });
  return {
    records: features.length,
    comparisons,
    byFamily,
    oversizedKeys: index.oversizedKeys,
    recall: truth === null ? null : truePairs === 0 ? 1 : foundPairs / truePairs,
  };
}
