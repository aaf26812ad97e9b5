// Places: a fact whose value stands for where its people live — a door device of an urban village,
// a building's own register — learned from the data rather than named in a mapping. A fact of a
// (source, role) is a place when, for most of its values seen with two or more valid ids, those
// ids' residences agree: one region and the same distinctive address text (the village or estate
// name, which most of them write). Each such value keeps that profile. A record that carries only
// a name and such a value then joins the one person of that name known to live there (cluster.ts),
// where a name alone, borne by several persons, could join none. Learned in learn-places.ts from
// the training sample and kept in the model.

import { commonGrams } from './compare/text-similarity.js';
import type { RecordFeatures } from './features.js';
import type { MatchInput } from './types.js';

/** Where a value's people live: a region (as features hold it) and address bigrams most of them share. */
export interface PlaceProfile {
  region: string;
  /** Sorted bigram codes (text-similarity.ts) of the residence detail, each written by most of the value's people. */
  grams: Uint32Array;
}

export interface PlaceFact {
  source: string;
  role: string;
  fact: string;
  /** Values seen with two or more valid ids that have a residence, and the share of them with a profile. */
  sharedValues: number;
  coherence: number;
  /** [value, region, grams] per value with a profile. */
  profiles: [string, string, number[]][];
}

/** Of a profile's bigrams, the share a residence must contain to be at the place. */
export const MIN_CONTAINED = 0.5;

/** `source\u0001role\u0001fact` → value → profile, for extractFeatures. */
export type PlaceIndex = ReadonlyMap<string, ReadonlyMap<string, PlaceProfile>>;

export const NO_PLACES: PlaceIndex = new Map();

export function placeIndex(facts: readonly PlaceFact[] | undefined): PlaceIndex {
  if (facts === undefined || facts.length === 0) return NO_PLACES;
  return new Map(facts.map((p) => [`${p.source}\u0001${p.role}\u0001${p.fact}`, new Map(p.profiles.map(([value, region, grams]) => [value, { region, grams: Uint32Array.from(grams) }]))]));
}

export function roleOf(input: MatchInput): string {
  return input.key.slice(input.key.lastIndexOf('\u0001') + 1);
}

/** The place profiles a record's facts point to (usually none, or one). */
export function placesOf(input: MatchInput, index: PlaceIndex): PlaceProfile[] {
  if (index.size === 0 || input.facts === undefined) return [];
  const role = roleOf(input);
  const out: PlaceProfile[] = [];
  for (const [fact, value] of Object.entries(input.facts)) {
    const profile = index.get(`${input.source}\u0001${role}\u0001${fact}`)?.get(value);
    if (profile !== undefined) out.push(profile);
  }
  return out;
}

/** True when a record's residence is at the place: the same region, and most of the place's bigrams in its detail. */
export function livesAt(f: RecordFeatures, place: PlaceProfile): boolean {
  const grams = f.residenceGrams;
  if (f.residenceRegion !== place.region || grams === null || place.grams.length === 0) return false;
  const contained = commonGrams(grams, place.grams);
  return contained >= MIN_CONTAINED * place.grams.length;
}

