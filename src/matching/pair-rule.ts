// The rule a compared pair links by, or why it must not link on its score: one ladder for placing
// a record (cluster.ts, judge) and for asking which records of a batch already link (held-links.ts).

import { isCredentialLink } from './credential-link.js';
import { isDeterministicLink } from './deterministic.js';
import type { RecordFeatures } from './features.js';
import { isLikelyRelative } from './guards.js';
import type { LinkRule } from './types.js';

export type PairRuling = LinkRule | 'twins' | 'relatives' | null;

/**
 * `levels` holds the pair's comparison; `reviewedSame`: a reviewer said they are one person;
 * `twins`: the pair is kept apart as twins (the caller's test: the placement lets a vouching
 * record lift it). Null: no outright link (the score may still send it to review).
 */
export function pairRule(f: RecordFeatures, g: RecordFeatures, levels: Int8Array, reviewedSame: boolean, twins: boolean, probability: number, linkThreshold: number): PairRuling {
  if (reviewedSame) return 'reviewer';
  if (isDeterministicLink(f, g, levels)) return 'id';
  if (twins) return 'twins';
  if (isLikelyRelative(levels)) return 'relatives';
  if (isCredentialLink(f, g, levels)) return 'credential';
  return probability >= linkThreshold ? 'score' : null;
}
