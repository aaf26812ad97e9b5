// Blocking: which records are compared at all. Every record files itself under a few short keys
// (id, region+birth read from the id, name+birth, surname+birth, given name+birth, phone,
// name+address, guardian, a learned credential such as a door card); two records are compared when they share a key. A key that gathers
// more than `cap` records is oversized and no longer used (a shared dummy phone, a placeholder id).

import type { CredentialSet } from './credentials.js';
import { extractFeatures, type RecordFeatures } from './features.js';
import type { PlaceIndex } from './places.js';
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
  ne: 'name_employer',
  ip: 'id_part',
  g: 'guardian',
  n: 'name_only',
  w: 'name_only_record',
  c: 'credential',
} as const;

export type KeyPrefix = keyof typeof keyFamilies;
export type KeyFamily = (typeof keyFamilies)[KeyPrefix];

export const DEFAULT_BLOCK_CAP = 64;

/**
 * Families whose keys gather strangers as well as the person (a surname, a given name or an id's
 * region, each with a birth date: at 1M persons ~12, ~4 and ~7 records a key): they are there for
 * the records the others miss (a given name mistyped, no id, no phone). A persistent store asks
 * them second, and only for the records the other families have not linked already
 * (`Resolver.linkedAmongHeld`).
 */
export const wideFamilies: ReadonlySet<KeyFamily> = new Set<KeyFamily>(['surname_birth', 'given_birth', 'id_region_birth']);

/** The family of a key such as `nb:lizhang|1990-01-02` (read from its first two characters: hot path). */
export function familyOf(key: string): KeyFamily {
  const second = key.charCodeAt(1);
  switch (key.charCodeAt(0)) {
    case 0x69: // i
      return second === 0x70 ? 'id_part' : 'id';
    case 0x72: // r
      return 'id_region_birth';
    case 0x6e: // n
      if (second === 0x3a) return 'name_only';
      return second === 0x62 ? 'name_birth' : second === 0x78 ? 'name_region' : second === 0x65 ? 'name_employer' : 'name_address';
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

/** A key is filed (the record is stored under it), probed (the record looks for others under it), or both. */
export const FILE = 1;
export const PROBE = 2;
const BOTH = FILE | PROBE;

/** Receives a record's keys, each `${prefix}:${a}${separator}${b}`, with its use. */
type KeySink = (prefix: KeyPrefix, a: string, separator: string, b: string, use: number) => void;

/**
 * The one definition of a record's blocking keys, handed to a sink part by part (so the engine can
 * hash them without building strings). Families differ by prefix and each family's values are
 * distinct, so no key repeats.
 */
function emitKeys(f: RecordFeatures, sink: KeySink): void {
  // A record with a name and nothing else (a door card event) is filed apart and looks for the
  // others by name alone; the others file themselves by name for it, but do not compare among
  // themselves on a name alone.
  const exact = f.name.nameSimplified;
  if (exact !== null) {
    sink('n', exact, '', '', f.nameOnly ? PROBE : FILE);
    sink('w', exact, '', '', f.nameOnly ? FILE : PROBE);
  }
  if (f.id18 !== null && f.id18.length >= 5) sink('i', f.id18, '', '', BOTH);
  if (f.idHasBirth) sink('r', f.id18!.slice(0, 14), '', '', BOTH);
  const name = f.name.blockName;
  const birth = f.blockBirth;
  if (birth !== null) {
    if (name !== null) sink('nb', name, '|', birth, BOTH);
    if (f.name.blockSurname !== null) sink('sb', f.name.blockSurname, '|', birth, BOTH);
    if (f.name.blockGiven !== null) sink('gb', f.name.blockGiven, '|', birth, BOTH);
  }
  if (f.phone !== null) sink('p', f.phone, '', '', BOTH);
  const numbers = f.detailNumbers;
  if (name !== null) {
    if (f.residenceRegion !== null) sink('nx', name, '|', f.residenceRegion, BOTH);
    if (f.hukouRegion !== null && f.hukouRegion !== f.residenceRegion) sink('nx', name, '|', f.hukouRegion, BOTH);
    // A name-only record at a known place looks for the namesakes living in its region.
    for (const [i, place] of f.places.entries()) {
      if (f.places.findIndex((p) => p.region === place.region) === i) sink('nx', name, '|', place.region, PROBE);
    }
    for (const n of numbers) sink('na', name, '#', n, BOTH);
  }
  if (birth !== null) for (const n of numbers) sink('ba', birth, '#', n, BOTH);
  const employer = f.employerCode ?? f.employer;
  if (name !== null && employer !== null) sink('ne', name, '|', employer, BOTH);
  // Halves of an id catch a slip in the other half. A resident id's first half (region and
  // year) is shared by too many people; its second half (date, sequence, check) is not.
  if (f.id18 !== null && f.id18.length >= 6) {
    const half = f.id18.length >> 1;
    if (!f.isResidentId) sink('ip', '<', '', f.id18.slice(0, half), BOTH);
    sink('ip', '>', '', f.id18.slice(half), BOTH);
  }
  // A learned credential of the source (a door card) gathers that source's records of it.
  for (const c of f.credentials) sink('c', c, '', '', BOTH);
  for (const r of f.related) {
    if (r.id !== null) sink('g', r.tie, '|', r.id, BOTH);
    else if (r.nameKey !== null && (r.phone ?? r.birth) !== null) sink('g', r.tie, '|', `${r.nameKey}|${r.phone ?? r.birth}`, BOTH);
  }
}

/** The keys a record is filed under (`use` FILE) or looks for others under (PROBE), as strings. */
export function blockingKeys(f: RecordFeatures, use: number = FILE): string[] {
  const keys: string[] = [];
  emitKeys(f, (prefix, a, separator, b, u) => {
    if ((u & use) !== 0) keys.push(`${prefix}:${a}${separator}${b}`);
  });
  return keys;
}

function fnv(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193);
  return x;
}

const prefixes = Object.keys(keyFamilies) as KeyPrefix[];
/** Key families in a fixed order, for counting by index. */
export const familyList: readonly KeyFamily[] = prefixes.map((p) => keyFamilies[p]);
const prefixHash = new Map(prefixes.map((p) => [p, fnv(0x811c9dc5, `${p}:`)]));
const prefixIndex = new Map(prefixes.map((p, i) => [p, i]));

/** A record's keys as hashKey values and family indices (into familyList), without building strings. */
export class KeyHasher {
  hashes = new Int32Array(32);
  families = new Uint8Array(32);
  /** FILE, PROBE or both, per key. */
  uses = new Uint8Array(32);
  count = 0;
  private readonly sink: KeySink = (prefix, a, separator, b, use) => {
    if (this.count === this.hashes.length) this.grow();
    this.hashes[this.count] = fnv(fnv(fnv(prefixHash.get(prefix)!, a), separator), b) | 0;
    this.uses[this.count] = use;
    this.families[this.count++] = prefixIndex.get(prefix)!;
  };

  /** Fills hashes, families and uses [0..count) with the record's keys; returns count. */
  hash(f: RecordFeatures): number {
    this.count = 0;
    emitKeys(f, this.sink);
    return this.count;
  }

  private grow(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const families = new Uint8Array(this.families.length * 2);
    families.set(this.families);
    this.families = families;
    const uses = new Uint8Array(this.uses.length * 2);
    uses.set(this.uses);
    this.uses = uses;
  }
}

/**
 * For a caller that keeps a persistent key → record index: the keys to file an input under, and
 * the keys under which to look for its candidates (what the Resolver asks CandidateLookup.find for).
 */
export function blockingKeysOf(input: MatchInput, credentials?: CredentialSet, places?: PlaceIndex): { file: string[]; probe: string[] } {
  const f = extractFeatures(input, credentials, places);
  return { file: blockingKeys(f, FILE), probe: blockingKeys(f, PROBE) };
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
/** Table slot layout: [hash, head entry, size]. (A fourth, unused int for alignment cost 70 MiB at 3.5M keys.) */
const STRIDE = 3;
const CHUNK_BITS = 16;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * The in-memory blocking index: key hash → records, in typed arrays (an open-addressing table of
 * hashes, each heading a linked list of record ordinals), so a million records cost tens of
 * megabytes and no garbage. Two keys with one hash share a block: a rare extra comparison.
 */
export class BlockIndex {
  private shift = 16;
  private table = new Int32Array(STRIDE << 16);
  private used = 0;
  /**
   * Entries as [record ordinal, next entry], in chunks of 2^16 entries (512 KiB) added as needed:
   * never copied, and at most one chunk of slack (a list grown by doubling had up to half, plus the
   * old copy until a full collection: ~190 MiB at 10M entries, at the peak of a first load).
   * Entry 0 ends a list.
   */
  private readonly chunks: Int32Array[] = [new Int32Array(2 << CHUNK_BITS)];
  private entryCount = 1;
  oversizedKeys = 0;

  constructor(readonly cap: number = DEFAULT_BLOCK_CAP) {}

  /** Offset of a hash's slot in the table: where it is, or the empty slot where it would go. Hash 0 is stored as 1. */
  private slot(hash: number): number {
    const h = hash === EMPTY ? 1 : hash;
    const end = this.table.length;
    let at = (Math.imul(h, 0x9e3779b1) >>> this.shift) * STRIDE;
    for (;;) {
      const found = this.table[at]!;
      if (found === h || found === EMPTY) return at;
      at += STRIDE;
      if (at === end) at = 0;
    }
  }

  /** Calls `visit` with each record under a key (its hashKey), newest first; returns how many (0 when oversized). */
  visitHash(hash: number, visit: (ord: number) => void): number {
    const at = this.slot(hash);
    const size = this.table[at + 2]!;
    if (this.table[at] === EMPTY || size === OVERSIZED) return 0;
    const chunks = this.chunks;
    for (let e = this.table[at + 1]!; e !== 0; ) {
      const chunk = chunks[e >>> CHUNK_BITS]!;
      const o = 2 * (e & CHUNK_MASK);
      visit(chunk[o]!);
      e = chunk[o + 1]!;
    }
    return size;
  }

  /** True when a key gathered more records than the cap and is no longer visited. */
  isOversized(hash: number): boolean {
    const at = this.slot(hash);
    return this.table[at] !== EMPTY && this.table[at + 2] === OVERSIZED;
  }

  /** Files a record under a key (its hashKey). */
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
    const e = this.entryCount++;
    if (e >>> CHUNK_BITS === this.chunks.length) this.chunks.push(new Int32Array(2 << CHUNK_BITS));
    const chunk = this.chunks[e >>> CHUNK_BITS]!;
    const o = 2 * (e & CHUNK_MASK);
    chunk[o] = ord;
    chunk[o + 1] = this.table[at + 1]!;
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
  const byFamily: Partial<Record<KeyFamily, number>> = {};
  const seen = new Int32Array(features.length).fill(-1);
  let comparisons = 0;
  let truePairs = 0;
  let foundPairs = 0;
  const truthCount = new Map<string, number>();
  const index = replayBlocking(features, cap, {
    visit(ord, _family, other) {
      if (seen[other] === ord) return;
      seen[other] = ord;
      comparisons++;
      if (truth !== null && truth[other] === truth[ord]) foundPairs++;
    },
    visited(family, size) {
      byFamily[family] = (byFamily[family] ?? 0) + size;
    },
    filed(ord) {
      if (truth === null) return;
      const label = truth[ord]!;
      const before = truthCount.get(label) ?? 0;
      truePairs += before;
      truthCount.set(label, before + 1);
    },
  });
  return {
    records: features.length,
    comparisons,
    byFamily,
    oversizedKeys: index.oversizedKeys,
    recall: truth === null ? null : truePairs === 0 ? 1 : foundPairs / truePairs,
  };
}

export interface BlockingReplay {
  /** A record filed earlier under one of `ord`'s probe keys of `family`. */
  visit(ord: number, family: KeyFamily, other: number): void;
  /** How many records one probe key proposed (0 for an empty or oversized block). */
  visited?(family: KeyFamily, size: number): void;
  /** `ord` has been filed under its keys. */
  filed?(ord: number): void;
}

/**
 * Replays the blocking over records in order, as the engine files them: each record probes with
 * its probe keys among the records before it, then is filed under its file keys. One loop for the
 * blocking report and for training's candidate pairs.
 */
export function replayBlocking(features: readonly RecordFeatures[], cap: number, on: BlockingReplay): BlockIndex {
  const index = new BlockIndex(cap);
  const hasher = new KeyHasher();
  features.forEach((f, ord) => {
    const n = hasher.hash(f);
    for (let k = 0; k < n; k++) {
      if ((hasher.uses[k]! & PROBE) === 0) continue;
      const family = familyList[hasher.families[k]!]!;
      const size = index.visitHash(hasher.hashes[k]!, (other) => on.visit(ord, family, other));
      on.visited?.(family, size);
    }
    for (let k = 0; k < n; k++) if ((hasher.uses[k]! & FILE) !== 0) index.addHash(hasher.hashes[k]!, ord);
    on.filed?.(ord);
  });
  return index;
}
