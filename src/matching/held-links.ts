// Which records of a batch already link to a record the resolver holds, before any is placed: a
// persistent store then asks the wide key families (blocking.ts, wideFamilies) only for the others.
// The test is the placement's own (cluster.ts, judge) without its side effects, and stricter: a
// pair that looks like twins or relatives does not count, nor does a record with only a name.

import { KeyHasher, PROBE, type BlockIndex } from './blocking.js';
import { compareRecords, COMPARISON_COUNT } from './compare/index.js';
import type { RecordFeatures } from './features.js';
import { isLikelyTwin } from './guards.js';
import { probabilityOf, scoreLevels, type CompiledModel } from './model.js';
import { pairRule } from './pair-rule.js';
import type { Verdicts } from './verdicts.js';

export interface HeldRecords {
  index: BlockIndex;
  features: readonly (RecordFeatures | null)[];
  verdicts: Verdicts;
  cm: CompiledModel;
  linkThreshold: number;
}

/** The keys of the batch's records that a held record would link outright (by id, credential, reviewer or score). */
export function linkedAmongHeld(held: HeldRecords, batch: readonly RecordFeatures[]): Set<string> {
  const hasher = new KeyHasher();
  const levels = new Int8Array(COMPARISON_COUNT);
  const out = new Set<string>();
  for (const f of batch) {
    // A door event's person is decided by its namesakes (name-only.ts), never by one pair.
    if (f.nameOnly) continue;
    const seen = new Set<number>();
    let linked = false;
    const visit = (other: number): void => {
      if (linked || seen.has(other)) return;
      seen.add(other);
      const g = held.features[other];
      if (g !== null && g !== undefined && linksOutright(held, f, g, levels)) linked = true;
    };
    const n = hasher.hash(f);
    for (let k = 0; k < n && !linked; k++) if ((hasher.uses[k]! & PROBE) !== 0) held.index.visitHash(hasher.hashes[k]!, visit);
    if (linked) out.add(f.key);
  }
  return out;
}

function linksOutright(held: HeldRecords, f: RecordFeatures, g: RecordFeatures, levels: Int8Array): boolean {
  const verdict = held.verdicts.of(f.key, g.key);
  if (verdict !== undefined) return verdict;
  compareRecords(f, g, levels);
  // Stricter than the placement: no record of the person is asked to vouch against twins.
  const rule = pairRule(f, g, levels, false, isLikelyTwin(f, g, levels), probabilityOf(scoreLevels(held.cm, f, levels)), held.linkThreshold);
  return rule !== null && rule !== 'twins' && rule !== 'relatives';
}
