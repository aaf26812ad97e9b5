// Expectation-maximisation for the m probabilities of a Fellegi-Sunter model, on counts of
// agreement patterns (the levels of every comparison for a pair). u stays fixed (estimated from
// random pairs); comparisons a training block was built on are left out, since within that block
// their agreement says nothing.

export interface PatternCounts {
  /** One Int8Array of levels (-1 = not comparable) per distinct pattern. */
  patterns: Int8Array[];
  counts: number[];
}

/** Adds one pair's levels to the counts. `index` maps an encoded pattern to its slot. */
export function countPattern(into: PatternCounts, index: Map<number, number>, levels: Int8Array): void {
  let code = 0;
  for (let c = 0; c < levels.length; c++) code = code * 16 + (levels[c]! + 1);
  const slot = index.get(code);
  if (slot !== undefined) {
    into.counts[slot]!++;
    return;
  }
  index.set(code, into.patterns.length);
  into.patterns.push(Int8Array.from(levels));
  into.counts.push(1);
}

export interface EmOptions {
  /** Per comparison: true when EM may use and estimate it. */
  include: readonly boolean[];
  maxIterations?: number;
  tolerance?: number;
}

export interface EmResult {
  /** m per comparison and level (initial values for excluded comparisons). */
  m: number[][];
  /** Expected matched pairs that were comparable on each comparison: the weight of its estimate. */
  evidence: number[];
  matchShare: number;
  iterations: number;
}

const EPSILON = 1e-9;
/** Pseudo-pairs spread like the starting m: a level never seen among matches keeps a small m, not zero. */
const PRIOR_PAIRS = 1;

/** Starting m: strongest level most likely, halving down the levels. */
export function initialM(levelCount: number): number[] {
  const raw = Array.from({ length: levelCount }, (_, l) => Math.pow(0.5, l));
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / total);
}

export function runEm(data: PatternCounts, u: readonly (readonly number[])[], options: EmOptions): EmResult {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const nc = u.length;
  const start = u.map((levels) => initialM(levels.length));
  const m = start.map((levels) => [...levels]);
  const logU = u.map((levels) => levels.map((x) => Math.log(x)));
  const { patterns, counts } = data;
  const total = counts.reduce((s, x) => s + x, 0);
  const weights = new Float64Array(patterns.length);
  let share = 0.5;
  let iterations = 0;
  let evidence = new Array<number>(nc).fill(0);
  while (iterations < maxIterations) {
    iterations++;
    const logM = m.map((levels) => levels.map((x) => Math.log(x)));
    const logShare = Math.log(share);
    const logOther = Math.log(1 - share);
    for (let k = 0; k < patterns.length; k++) {
      const p = patterns[k]!;
      let lm = logShare;
      let lu = logOther;
      for (let c = 0; c < nc; c++) {
        const level = p[c]!;
        if (level < 0 || !options.include[c]) continue;
        lm += logM[c]![level]!;
        lu += logU[c]![level]!;
      }
      weights[k] = 1 / (1 + Math.exp(lu - lm));
    }
    const sums = u.map((levels) => new Array<number>(levels.length).fill(0));
    let matched = 0;
    for (let k = 0; k < patterns.length; k++) {
      const w = weights[k]! * counts[k]!;
      matched += w;
      const p = patterns[k]!;
      for (let c = 0; c < nc; c++) {
        const level = p[c]!;
        if (level >= 0 && options.include[c]) sums[c]![level]! += w;
      }
    }
    let change = Math.abs(matched / total - share);
    share = Math.min(1 - EPSILON, Math.max(EPSILON, matched / total));
    evidence = sums.map((levels) => levels.reduce((s, x) => s + x, 0));
    for (let c = 0; c < nc; c++) {
      if (!options.include[c] || evidence[c]! <= 0) continue;
      const levels = sums[c]!;
      const denominator = evidence[c]! + PRIOR_PAIRS;
      for (let l = 0; l < levels.length; l++) {
        const next = (levels[l]! + PRIOR_PAIRS * start[c]![l]!) / denominator;
        change = Math.max(change, Math.abs(next - m[c]![l]!));
        m[c]![l] = next;
      }
    }
    if (change < tolerance) break;
  }
  return { m, evidence, matchShare: share, iterations };
}
