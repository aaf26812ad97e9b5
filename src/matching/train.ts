// Trains a match model from the records themselves, never by hand per dataset: u from random
// pairs, the prior λ from the deterministic pass, m by EM in one session per blocking family
// (leaving out the comparisons that family blocks on), term frequencies of common names; then u
// is corrected for the true matches hidden among the random pairs and EM runs once more.

import { blockingKeys, BlockIndex, DEFAULT_BLOCK_CAP, familyOf, type KeyFamily } from './blocking.js';
import { compareRecords, comparisons, COMPARISON_COUNT } from './compare/index.js';
import { countPattern, runEm, type PatternCounts } from './em.js';
import { extractFeatures, NAME_HANZI, type RecordFeatures } from './features.js';
import { estimatePrior } from './deterministic.js';
import { MODEL_FORMAT, MODEL_VERSION, type ComparisonParams, type MatchModel, type TrainingSummary } from './model.js';
import { randomInt, type Random } from './random.js';
import type { MatchInput } from './types.js';

export interface TrainOptions {
  /** Seeded generator for every sample (random pairs, capped sessions). */
  random: Random;
  /** Random pairs for u (default 1,000,000, or every pair when there are fewer). */
  randomPairs?: number;
  /** Most pairs one EM session keeps (default 200,000). */
  sessionPairs?: number;
  blockCap?: number;
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
  id_part: ['id'],
  guardian: ['relation'],
};

const MIN_SESSION_PAIRS = 30;
const M_FLOOR = 1e-3;
/** Most names kept in a term-frequency table (the commonest). */
const TF_LIMIT = 50_000;

type LevelCounts = number[][];

function emptyCounts(): LevelCounts {
  return comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
}

/** Level counts over random pairs (all pairs when there are few records). */
function randomPairCounts(features: readonly RecordFeatures[], wanted: number, random: Random): { counts: LevelCounts; pairs: number } {
  const n = features.length;
  const counts = emptyCounts();
  const levels = new Int8Array(COMPARISON_COUNT);
  const add = (i: number, j: number): void => {
    compareRecords(features[i]!, features[j]!, levels);
    for (let c = 0; c < COMPARISON_COUNT; c++) if (levels[c]! >= 0) counts[c]![levels[c]!]!++;
  };
  const all = (n * (n - 1)) / 2;
  if (all <= wanted) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add(i, j);
    return { counts, pairs: all };
  }
  for (let k = 0; k < wanted; k++) {
    const i = randomInt(random, n);
    let j = randomInt(random, n - 1);
    if (j >= i) j++;
    add(i, j);
  }
  return { counts, pairs: wanted };
}

/** u from level counts, less the true matches expected among them (prior × m), floored at half a pair. */
function estimateU(counts: LevelCounts, prior: number, m: number[][] | null): number[][] {
  return counts.map((levels, c) => {
    const total = levels.reduce((s, x) => s + x, 0);
    if (total === 0) return levels.map(() => 1 / levels.length);
    const floor = 0.5 / total;
    const raw = levels.map((count, l) => {
      const matches = m === null ? 0 : prior * total * m[c]![l]!;
      return Math.max(floor, (count - matches) / (total * (1 - prior)));
    });
    const sum = raw.reduce((s, x) => s + x, 0);
    return raw.map((x) => x / sum);
  });
}

/** Candidate pairs per blocking family, each family reservoir-sampled to at most `limit` pairs. */
function sessionPairs(features: readonly RecordFeatures[], cap: number, limit: number, random: Random): Map<KeyFamily, number[]> {
  const index = new BlockIndex(cap);
  const sessions = new Map<KeyFamily, { pairs: number[]; seen: number }>();
  const seen = new Map<KeyFamily, Int32Array>();
  features.forEach((f, ord) => {
    const keys = blockingKeys(f);
    for (const key of keys) {
      const family = familyOf(key);
      let session = sessions.get(family);
      if (session === undefined) {
        session = { pairs: [], seen: 0 };
        sessions.set(family, session);
        seen.set(family, new Int32Array(features.length).fill(-1));
      }
      const stamp = seen.get(family)!;
      const s = session;
      index.visit(key, (other) => {
        if (stamp[other] === ord) return;
        stamp[other] = ord;
        s.seen++;
        if (s.pairs.length < 2 * limit) s.pairs.push(other, ord);
        else {
          const slot = randomInt(random, s.seen);
          if (slot < limit) {
            s.pairs[2 * slot] = other;
            s.pairs[2 * slot + 1] = ord;
          }
        }
      });
    }
    for (const key of keys) index.add(key, ord);
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
export function trainModel(inputs: readonly MatchInput[], options: TrainOptions): MatchModel {
  const features = inputs.map(extractFeatures);
  const random = options.random;
  const prior = estimatePrior(features);
  const sampled = randomPairCounts(features, options.randomPairs ?? 1_000_000, random);
  const cap = options.blockCap ?? DEFAULT_BLOCK_CAP;
  const sessions: SessionData[] = [];
  for (const [family, pairs] of sessionPairs(features, cap, options.sessionPairs ?? 200_000, random)) {
    if (pairs.length / 2 >= MIN_SESSION_PAIRS) sessions.push({ family, data: patternCounts(features, pairs), pairs: pairs.length / 2 });
  }
  const summary: TrainingSummary['sessions'] = [];
  let u = estimateU(sampled.counts, prior.prior, null);
  let m = estimateM(sessions, u, summary);
  u = estimateU(sampled.counts, prior.prior, m);
  m = estimateM(sessions, u, summary);
  const params: ComparisonParams[] = comparisons.map((c, ci) => ({
    name: c.name,
    levels: c.levels.map((name, l) => ({ name, m: m[ci]![l]!, u: u[ci]![l]! })),
  }));
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    prior: prior.prior,
    comparisons: params,
    termFrequencies: {
      name: termFrequencies(features, (f) => (f.nameKind === NAME_HANZI ? f.comparableKey : null), agreeU(u, 0, [0, 1, 2])),
      given_name: termFrequencies(features, (f) => f.given, agreeU(u, 1, [0, 1])),
      surname: termFrequencies(features, (f) => f.surname, agreeU(u, 2, [0, 1])),
    },
    training: {
      records: features.length,
      randomPairs: sampled.pairs,
      deterministicPairs: prior.pairs,
      priorRule: prior.rule,
      sessions: summary,
    },
  };
}
