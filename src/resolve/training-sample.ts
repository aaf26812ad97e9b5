// What a match model is trained on once the store holds more than a sample's worth: a uniform
// sample of every stored record, drawn in one pass in key order, so every source comes in its
// share. Not the first records in key order: those are one source's (at 1M persons a door register
// alone filled the sample, and a model that never saw a phone, a sex or an address gave them no
// weight at all).

import { seededRandom, type MatchInput } from '../matching/index.js';
import type { RecordRef } from '../store/resolution/load-inputs.js';
import type { ResolutionStore } from '../store/resolution/resolution-store.js';

/** Record roles a model is trained on (Splink's default sample for u is of the same order). */
export const defaultTrainingSample = 300_000;

/** About `limit` of the store's `stored` record roles (all of them when fewer), seeded: the same store gives the same sample. */
export async function uniformSample(rs: ResolutionStore, limit: number, stored: number, progress?: (sampled: number) => void): Promise<MatchInput[]> {
  const keep = Math.min(1, limit / Math.max(1, stored));
  const random = seededRandom(2);
  const inputs: MatchInput[] = [];
  let after: RecordRef | null = null;
  for (;;) {
    const refs = await rs.recordRefsAfter(after, 2000);
    if (refs.length === 0) break;
    after = refs.at(-1) ?? null;
    const picked = keep === 1 ? refs : refs.filter(() => random() < keep);
    for (const loaded of await rs.loadInputs(picked)) inputs.push(loaded.input);
    progress?.(inputs.length);
  }
  return inputs;
}
