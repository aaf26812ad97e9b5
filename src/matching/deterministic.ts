// The deterministic pass: a valid 18-digit resident id is a strong key, but guarded. A record
// whose own birth date or sex contradicts its id (a parent's id typed into a child's row) has no
// constraint id (features.ts), and two records whose names clearly differ are left to the
// probabilistic pass. The same rule, counted over all records, gives the model its prior λ.

import { C_GIVEN, C_NAME, C_SURNAME, compareRecords, COMPARISON_COUNT } from './compare/index.js';
import { NAME_DIFFERENT } from './compare/name.js';
import type { RecordFeatures } from './features.js';

const PART_DIFFERENT = 4;

/** The names of the pair clearly belong to different people (not a typo, not a reading). */
export function namesContradict(levels: Int8Array): boolean {
  if (levels[C_NAME] === NAME_DIFFERENT) return true;
  return levels[C_GIVEN] === PART_DIFFERENT && levels[C_SURNAME] === PART_DIFFERENT;
}

/** Same valid id of its holder on both sides and names that do not contradict: one person. */
export function isDeterministicLink(a: RecordFeatures, b: RecordFeatures, levels: Int8Array): boolean {
  return a.constraintId !== null && a.constraintId === b.constraintId && !namesContradict(levels);
}

export interface PriorEstimate {
  prior: number;
  pairs: number;
  rule: 'resident_id' | 'other_id' | 'name_birth' | 'none';
}

const MIN_PAIRS = 5;
/** Groups larger than this are a placeholder value, not a person. */
const MAX_GROUP = 50;

function countRulePairs(features: readonly RecordFeatures[], keyOf: (f: RecordFeatures) => string | null): { pairs: number; covered: number } {
  const groups = new Map<string, number[]>();
  let covered = 0;
  features.forEach((f, i) => {
    const key = keyOf(f);
    if (key === null) return;
    covered++;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  });
  const levels = new Int8Array(COMPARISON_COUNT);
  let pairs = 0;
  for (const group of groups.values()) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        compareRecords(features[group[x]!]!, features[group[y]!]!, levels);
        if (!namesContradict(levels)) pairs++;
      }
    }
  }
  return { pairs, covered };
}

/**
 * λ = pairs the rule links / all pairs / the rule's recall, the recall taken as the chance that
 * both records of a pair carry the key. Rules in order: valid resident id; any other id; the same
 * name and birth date (for sources without ids).
 */
export function estimatePrior(features: readonly RecordFeatures[]): PriorEstimate {
  const n = features.length;
  const allPairs = (n * (n - 1)) / 2;
  if (allPairs === 0) return { prior: 1e-6, pairs: 0, rule: 'none' };
  const rules: [PriorEstimate['rule'], (f: RecordFeatures) => string | null][] = [
    ['resident_id', (f) => f.constraintId],
    ['other_id', (f) => (f.id18 !== null && !f.isResidentId ? `${f.idType}|${f.id18}` : null)],
    ['name_birth', (f) => (f.name.blockName !== null && f.birth !== null ? `${f.name.blockName}|${f.birth}` : null)],
  ];
  for (const [rule, keyOf] of rules) {
    const { pairs, covered } = countRulePairs(features, keyOf);
    if (pairs < MIN_PAIRS) continue;
    const recall = Math.max(0.01, (covered / n) ** 2);
    return { prior: Math.min(0.5, Math.max(1e-9, pairs / allPairs / recall)), pairs, rule };
  }
  return { prior: Math.max(1e-9, 1 / n), pairs: 0, rule: 'none' };
}
