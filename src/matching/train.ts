// Trains a match model from the records themselves, never by hand per dataset: u from random
// pairs, the prior λ from the deterministic pass, m by EM in one session per blocking family
// (leaving out the comparisons that family blocks on), term frequencies of common names; then u
// is corrected for the true matches hidden among the random pairs and EM runs once more.

import { credentialSet, learnCredentials } from './credentials.js';
import { learnPlaces } from './learn-places.js';
import { DEFAULT_BLOCK_CAP, replayBlocking, type KeyFamily } from './blocking.js';
import { compareRecords, comparisons, COMPARISON_COUNT } from './compare/index.js';
import { countPattern, runEm, type PatternCounts } from './em.js';
import { extractFeatures, type RecordFeatures } from './features.js';
import { NAME_HANZI } from './name-features.js';
import { estimatePrior } from './deterministic.js';
import { MODEL_FORMAT, MODEL_VERSION, type ComparisonParams, type MatchModel, type TrainingSummary } from './model.js';
import { randomInt, type Random } from './random.js';
import type { MatchInput } from './types.js';

export interface TrainOptions {
  /** Seeded generator for every sample (random pairs, capped sessions). */
  random: Random;
  /** Random pairs for u (default 1,000,000, or every pair when there are fewer). */
  randomPairs?: number;
  /** Most pairs one EM session keeps (default 100,000). */
  sessionPairs?: number;
  /** Train on a random sample of at most this many records (default 250,000): pairs of a random sample are random pairs, so the estimates hold for all. */
  sampleRecords?: number;
  blockCap?: number;
}

/** A uniform sample of `limit` items in their original order (all of them when there are fewer). */
function sample<T>(items: readonly T[], limit: number, random: Random): readonly T[] {
  if (items.length <= limit) return items;
  const picked = new Uint8Array(items.length);
  let left = limit;
  // Selection sampling (Knuth's algorithm S): one pass, order kept.
  for (let i = 0; i < items.length && left > 0; i++) {
    if (random() * (items.length - i) < left) {
      picked[i] = 1;
      left--;
    }
  }
  return items.filter((_, i) => picked[i] === 1);
}

/** Comparisons each blocking family cannot inform: within its blocks they agree by construction. */
const sessionExcludes: Record<KeyFamily, readonly string[]> = {
  id: ['id'],
  id_region_birth: ['id', 'birth'],
  name_birth: ['name', 'given_name', 'surname', 'birth'],
  surname_birth: ['name', 'given_name', 'surname', 'birth'],
  given_birth: ['name', 'given_name', 'surname', 'birth'],
  phone: ['contact'],
  name_address: ['name', 'given_name', 'surname', 'contact'],
  name_region: ['name', 'given_name', 'surname', 'contact'],
  birth_address: ['birth', 'contact'],
  name_employer: ['name', 'given_name', 'surname', 'employer'],
  id_part: ['id'],
  guardian: ['relation'],
  name_only: ['name', 'given_name', 'surname'],
  name_only_record: ['name', 'given_name', 'surname'],
  // Training reads no credentials (they are learned beside the model): this family never forms.
  credential: [],
};

const MIN_SESSION_PAIRS = 30;
const M_FLOOR = 1e-3;
/** Most names kept in a term-frequency table (the commonest). */
const TF_LIMIT = 50_000;

/** Agreement patterns of random pairs (all pairs when there are few records). */
function randomPairPatterns(features: readonly RecordFeatures[], wanted: number, random: Random): { data: PatternCounts; pairs: number } {
  const n = features.length;
  const data: PatternCounts = { patterns: [], counts: [] };
  const index = new Map<number, number>();
  const levels = new Int8Array(COMPARISON_COUNT);
  const add = (i: number, j: number): void => {
    compareRecords(features[i]!, features[j]!, levels);
    countPattern(data, index, levels);
  };
  const all = (n * (n - 1)) / 2;
  if (all <= wanted) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(i, j);
    return { data, pairs: all };
  }
  for (let k = 0; k < wanted; k++) {
    const i = randomInt(random, n);
    let j = randomInt(random, n - 1);
    if (j >= i) j++;
    add(i, j);
  }
  return { data, pairs: wanted };
}

/**
 * u from random pairs. A few of them are true matches (the prior says how many); once m is known,
 * each pattern counts by its chance of being a non-match, so those few do not pass for agreement
 * among strangers. Floored at half a pair.
 */
function estimateU(random: PatternCounts, prior: number, model: { m: number[][]; u: number[][] } | null): number[][] {
  const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  random.patterns.forEach((pattern, k) => {
    let nonMatch = 1;
    if (model !== null) {
      let bits = Math.log2(prior / (1 - prior));
      pattern.forEach((level, c) => {
        if (level >= 0) bits += Math.log2(model.m[c]![level]! / model.u[c]![level]!);
      });
      nonMatch = 1 - 1 / (1 + Math.pow(2, -bits));
    }
    const weight = nonMatch * random.counts[k]!;
    pattern.forEach((level, c) => {
      if (level >= 0) sums[c]![level]! += weight;
    });
  });
  return sums.map((levels) => {
    const total = levels.reduce((s, x) => s + x, 0);
    if (total === 0) return levels.map(() => 1 / levels.length);
    const floor = 0.5 / total;
    const raw = levels.map((x) => Math.max(floor, x / total));
    const sum = raw.reduce((s, x) => s + x, 0);
    return raw.map((x) => x / sum);
  });
}

/** Candidate pairs per blocking family, each family reservoir-sampled to at most `limit` pairs. */
function sessionPairs(features: readonly RecordFeatures[], cap: number, limit: number, random: Random): Map<KeyFamily, number[]> {
  const sessions = new Map<KeyFamily, { pairs: number[]; seen: number; stamp: Int32Array }>();
  replayBlocking(features, cap, {
    visit(ord, family, other) {
      let s = sessions.get(family);
      if (s === undefined) {
        s = { pairs: [], seen: 0, stamp: new Int32Array(features.length).fill(-1) };
        sessions.set(family, s);
      }
      if (s.stamp[other] === ord) return;
      s.stamp[other] = ord;
      s.seen++;
      if (s.pairs.length < 2 * limit) s.pairs.push(other, ord);
      else {
        const slot = randomInt(random, s.seen);
        if (slot < limit) {
          s.pairs[2 * slot] = other;
          s.pairs[2 * slot + 1] = ord;
        }
      }
    },
  });
  return new Map([...sessions].map(([family, s]) => [family, s.pairs]));
}

function patternCounts(features: readonly RecordFeatures[], pairs: readonly number[]): PatternCounts {
  const data: PatternCounts = { patterns: [], counts: [] };
  const index = new Map<number, number>();
  const levels = new Int8Array(COMPARISON_COUNT);
  for (let k = 0; k < pairs.length; k += 2) {
    compareRecords(features[pairs[k]!]!, features[pairs[k + 1]!]!, levels);
    countPattern(data, index, levels);
  }
  return data;
}

interface SessionData {
  family: KeyFamily;
  data: PatternCounts;
  pairs: number;
}

/** EM in every session; m per comparison is the evidence-weighted mean over the sessions that may estimate it. */
function estimateM(sessions: readonly SessionData[], u: number[][], summary: TrainingSummary['sessions']): number[][] {
  const sums = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const weight = new Array<number>(COMPARISON_COUNT).fill(0);
  summary.length = 0;
  for (const s of sessions) {
    const include = comparisons.map((c) => !sessionExcludes[s.family].includes(c.name));
    const result = runEm(s.data, u, { include });
    summary.push({ family: s.family, pairs: s.pairs, iterations: result.iterations, matchShare: result.matchShare });
    for (let c = 0; c < COMPARISON_COUNT; c++) {
      const w = include[c] ? result.evidence[c]! : 0;
      if (w <= 0) continue;
      weight[c]! += w;
      result.m[c]!.forEach((x, l) => (sums[c]![l]! += w * x));
    }
  }
  // A comparison no session could estimate gets m = u: weight zero, no opinion.
  return sums.map((levels, c) => (weight[c]! > 0 ? floorM(levels.map((x) => x / weight[c]!)) : [...u[c]!]));
}

/**
 * No level is ruled out among true matches: mistakes and moves happen in every field, in data the
 * training never saw. A floor on m keeps one surprising field from vetoing all the others.
 */
function floorM(m: number[]): number[] {
  const floored = m.map((x) => Math.max(x, M_FLOOR));
  const total = floored.reduce((s, x) => s + x, 0);
  return floored.map((x) => x / total);
}

function termFrequencies(features: readonly RecordFeatures[], pick: (f: RecordFeatures) => string | null, agreeU: number): Record<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const f of features) {
    const value = pick(f);
    if (value === null) continue;
    total++;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const common = [...counts]
    .filter(([, n]) => n >= 2 && n / total > agreeU)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TF_LIMIT);
  return Object.fromEntries(common.map(([value, n]) => [value, n / total]));
}

function agreeU(u: number[][], c: number, levels: number[]): number {
  return levels.reduce((s, l) => s + u[c]![l]!, 0);
}

/** Trains a model from the records; the same records and seed give the same model. */
function countBySource(inputs: readonly MatchInput[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of inputs) counts[i.source] = (counts[i.source] ?? 0) + 1;
  return counts;
}

export function trainModel(inputs: readonly MatchInput[], options: TrainOptions): MatchModel {
  const random = options.random;
  const features = sample(inputs, options.sampleRecords ?? 250_000, random).map((input) => extractFeatures(input));
  const prior = estimatePrior(features);
  const sampled = randomPairPatterns(features, options.randomPairs ?? 1_000_000, random);
  const cap = options.blockCap ?? DEFAULT_BLOCK_CAP;
  const sessions: SessionData[] = [];
  for (const [family, pairs] of sessionPairs(features, cap, options.sessionPairs ?? 100_000, random)) {
    if (pairs.length / 2 >= MIN_SESSION_PAIRS) sessions.push({ family, data: patternCounts(features, pairs), pairs: pairs.length / 2 });
  }
  const summary: TrainingSummary['sessions'] = [];
  let u = estimateU(sampled.data, prior.prior, null);
  let m = estimateM(sessions, u, summary);
  u = estimateU(sampled.data, prior.prior, { m, u });
  m = estimateM(sessions, u, summary);
  const params: ComparisonParams[] = comparisons.map((c, ci) => ({
    name: c.name,
    levels: c.levels.map((name, l) => ({ name, m: m[ci]![l]!, u: u[ci]![l]! })),
  }));
  const credentials = learnCredentials(inputs);
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    prior: prior.prior,
    comparisons: params,
    termFrequencies: {
      name: termFrequencies(features, (f) => (f.name.nameKind === NAME_HANZI ? f.name.comparableKey : null), agreeU(u, 0, [0, 1, 2])),
      given_name: termFrequencies(features, (f) => f.name.given, agreeU(u, 1, [0, 1])),
      surname: termFrequencies(features, (f) => f.name.surname, agreeU(u, 2, [0, 1])),
    },
    credentials,
    places: learnPlaces(inputs, credentialSet(credentials)),
    training: {
      records: features.length,
      inputs: inputs.length,
      randomPairs: sampled.pairs,
      deterministicPairs: prior.pairs,
      priorRule: prior.rule,
      sessions: summary,
      credentialSources: countBySource(inputs),
    },
  };
}
