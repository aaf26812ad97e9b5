// Learns place facts (places.ts) from a sample of records: for each fact of a (source, role), the
// valid ids seen with each value, and those ids' residences as features read them.

import { extractFeatures } from './features.js';
import { roleOf, type PlaceFact } from './places.js';
import type { MatchInput } from './types.js';

/** A value's people who must have a residence, the share that must agree, and the share of values that must. */
export const MIN_PLACE_PEOPLE = 2;
export const MIN_AGREEMENT = 0.6;
export const MIN_SHARED_VALUES = 10;
export const MIN_COHERENCE = 0.5;
/** A bigram in more than this share of a fact's profiles says nothing of one place (街道, the district's name). */
const MAX_PROFILE_SHARE = 0.2;
const MAX_VALUE_LENGTH = 64;

/** A value's place as learned: its region and sorted bigram codes. */
interface Profile {
  region: string;
  grams: number[];
}

interface Residence {
  region: string;
  grams: ReadonlySet<number>;
}

function mostCommon<T>(counts: Map<T, number>): [T, number] | null {
  let best: [T, number] | null = null;
  for (const entry of counts) if (best === null || entry[1] > best[1]) best = entry;
  return best;
}

/** The profile of the people of one value, or null when their residences do not agree. */
function profileOf(people: readonly (readonly Residence[])[]): Profile | null {
  const regions = new Map<string, number>();
  const grams = new Map<number, number>();
  for (const residences of people) {
    for (const region of new Set(residences.map((r) => r.region))) regions.set(region, (regions.get(region) ?? 0) + 1);
    const own = new Set<number>();
    for (const r of residences) for (const g of r.grams) own.add(g);
    for (const g of own) grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  const region = mostCommon(regions);
  if (region === null || region[1] < MIN_AGREEMENT * people.length) return null;
  const shared = [...grams].filter(([, n]) => n >= MIN_AGREEMENT * people.length).map(([g]) => g);
  return shared.length === 0 ? null : { region: region[0], grams: shared.sort((a, b) => a - b) };
}

/** Profiles without the bigrams most of them share (街道, the district's name); a profile left empty goes. */
function distinctive(found: readonly [string, Profile][]): PlaceFact['profiles'] {
  const inProfiles = new Map<number, number>();
  for (const [, p] of found) for (const g of p.grams) inProfiles.set(g, (inProfiles.get(g) ?? 0) + 1);
  const limit = Math.max(1, MAX_PROFILE_SHARE * found.length);
  const out: PlaceFact['profiles'] = [];
  for (const [value, p] of found) {
    const grams = p.grams.filter((g) => inProfiles.get(g)! <= limit);
    if (grams.length > 0) out.push([value, p.region, grams]);
  }
  return out;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Learns the place facts of a sample of records (see the module comment). `credentials` are the
 * facts already known to be a person's own number: a card is not a place.
 */
export function learnPlaces(inputs: readonly MatchInput[], credentials: ReadonlySet<string> = new Set()): PlaceFact[] {
  // Each valid id's residences, as features read them.
  const residences = new Map<string, Residence[]>();
  for (const input of inputs) {
    const p = input.person;
    if (!p.idValid || p.idNumber === null || p.residenceRegion === null || p.residenceDetail === null || p.residenceDetail === '') continue;
    const f = extractFeatures(input);
    if (f.residenceRegion === null || f.residenceGrams === null) continue;
    const grams = new Set(f.residenceGrams);
    const list = residences.get(p.idNumber);
    if (list === undefined) residences.set(p.idNumber, [{ region: f.residenceRegion, grams }]);
    else list.push({ region: f.residenceRegion, grams });
  }
  // (source, role, fact) → value → the valid id seen with it, or the ids once there are several
  // (most values of most facts — dates, event numbers — are seen once: no set for them).
  const seen = new Map<string, Map<string, string | Set<string>>>();
  for (const input of inputs) {
    const p = input.person;
    if (input.facts === undefined || !p.idValid || p.idNumber === null) continue;
    const role = roleOf(input);
    for (const [fact, value] of Object.entries(input.facts)) {
      if (value.length === 0 || value.length > MAX_VALUE_LENGTH) continue;
      const prefix = `${input.source}\u0001${role}\u0001${fact}`;
      if (credentials.has(prefix)) continue;
      let values = seen.get(prefix);
      if (values === undefined) seen.set(prefix, (values = new Map<string, string | Set<string>>()));
      const ids = values.get(value);
      if (ids === undefined) values.set(value, p.idNumber);
      else if (typeof ids !== 'string') ids.add(p.idNumber);
      else if (ids !== p.idNumber) values.set(value, new Set([ids, p.idNumber]));
    }
  }
  const learned: PlaceFact[] = [];
  for (const [prefix, values] of seen) {
    let shared = 0;
    const found: [string, Profile][] = [];
    for (const [value, ids] of values) {
      if (typeof ids === 'string') continue;
      const people: Residence[][] = [];
      for (const id of ids) {
        const r = residences.get(id);
        if (r !== undefined) people.push(r);
      }
      if (people.length < MIN_PLACE_PEOPLE) continue;
      shared++;
      const profile = profileOf(people);
      if (profile !== null) found.push([value, profile]);
    }
    const profiles = distinctive(found);
    const coherent = profiles.length;
    const coherence = shared === 0 ? 0 : coherent / shared;
    if (shared < MIN_SHARED_VALUES || coherence < MIN_COHERENCE) continue;
    const [source = '', role = '', fact = ''] = prefix.split('\u0001');
    learned.push({ source, role, fact, sharedValues: shared, coherence: round(coherence), profiles });
  }
  return learned.sort((a, b) => (a.source + a.role + a.fact < b.source + b.role + b.fact ? -1 : 1));
}
