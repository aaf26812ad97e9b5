// The Resolver's public shapes: its options, the candidate lookup a persistent store implements,
// and what a batch returns.

import type { KeyFamily } from './blocking.js';
import type { MatchModel } from './model.js';
import type { LevelNames, Link, MatchInput, ResolutionEvent, ReviewDecision, ReviewEntry } from './types.js';

/** A record the caller already resolved (from its store), with its person. */
export interface KnownRecord {
  input: MatchInput;
  personId: string;
}

/**
 * Where a resolver finds records it does not hold, for a caller that keeps them in a persistent
 * index (blocking key → records). Return the records filed under any of the keys together with
 * every other record of their persons (constraints and splits need the whole person).
 */
export interface CandidateLookup {
  find(blockKeys: readonly string[]): readonly KnownRecord[];
}

export interface ResolverOptions {
  model: MatchModel;
  /** Called for every new person; ids must be unique. */
  mintPersonId: () => string;
  /** Reviewers' verdicts so far: respected by every placement, merge and split. */
  decisions?: readonly ReviewDecision[];
  lookup?: CandidateLookup;
  /** Link at or above this match probability (default 0.9). */
  linkThreshold?: number;
  /** Send pairs at or above this probability, but below the link threshold, to review (default 0.5). */
  reviewThreshold?: number;
  blockCap?: number;
  /** Join a record that carries only a name to the one person written with exactly that name (default true). */
  linkNameOnly?: boolean;
  /**
   * Orders person ids by age (negative when `a` is older): the older id survives a merge. Default:
   * the order in which this resolver first saw the persons (restored, then minted).
   */
  comparePersonIds?: (a: string, b: string) => number;
}

export interface BatchStats {
  received: number;
  unchanged: number;
  changed: number;
  added: number;
  comparisons: number;
  /** Candidate records each blocking family proposed. */
  byFamily: Partial<Record<KeyFamily, number>>;
  oversizedKeys: number;
}

export interface PairExplanation {
  probability: number;
  /** Log2 posterior odds: priorBits + the weights + termFrequencyBits. */
  score: number;
  priorBits: number;
  levels: LevelNames;
  weights: { comparison: string; level: string; bits: number }[];
  /** Agreeing on a common name weighs less (≤ 0). */
  termFrequencyBits: number;
}

export interface Assignment {
  recordKey: string;
  personId: string;
}

export interface BatchResult {
  /** The person of every record this batch placed or moved (by a merge or a split). */
  assignments: Assignment[];
  links: Link[];
  reviews: ReviewEntry[];
  events: ResolutionEvent[];
  stats: BatchStats;
}
