// What a match model is trained on once the store holds more than a sample's worth: a uniform
// sample of every stored record, drawn in one pass in key order, so every source comes in its
// share. Not the first records in key order: those are one source's (at 1M persons a door register
// alone filled the sample, and a model that never saw a phone, a sex or an address gave them no
// weight at all).

import { seededRandom, trainModel, type MatchInput, type MatchModel } from '../matching/index.js';
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

export interface SampledModel {
  model: MatchModel;
  /** Record roles the model was trained on (about the limit, or every one of a smaller store). */
  sampled: number;
}

/**
 * A model trained on a uniform sample of the store's `stored` record roles. It says how many
 * records the sample was drawn from (`training.inputs`): a sample of a store larger than the limit
 * is a full one, and is not trained again each run because it came out a few records short.
 */
export async function trainOnSample(rs: ResolutionStore, limit: number, stored: number, progress?: (sampled: number) => void): Promise<SampledModel> {
  const inputs = await uniformSample(rs, limit, stored, progress);
  const trained = trainModel(inputs, { random: seededRandom(1) });
  return { model: { ...trained, training: { ...trained.training, inputs: stored } }, sampled: inputs.length };
}
