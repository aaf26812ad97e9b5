// The shapes that enter and leave the entity-resolution engine: the record to match, the links,
// review entries and cluster events it emits. Kept apart so every module shares one vocabulary.

import type { PersonRecord } from '../standard/record.js';

/** One person as one source row describes them under one role, ready for matching. */
export interface MatchInput {
  /** `${source}\u0001${recordId}\u0001${role}`: unique and stable across re-ingests. */
  key: string;
  source: string;
  /** The source kind (residence_registration, social_insurance, ...). */
  kind: string;
  /** When the source saw the facts (ISO date or date-time), for survivorship. */
  observedAt: string | null;
  person: PersonRecord;
  /** Other roles of the same row tied to this one by a relation, e.g. the guardian of this child. */
  related: RelatedPerson[];
  /** The row's facts that normalised (name → standard value): a few may be learned credentials (credentials.ts). */
  facts?: Readonly<Record<string, string>>;
}

export interface RelatedPerson {
  type: string;
  /** 'from' when this person is the relation's `from` role (the guardian in guardian_of), else 'to'. */
  direction: 'from' | 'to';
  other: PersonRecord;
}

/** Builds the record key the way MatchInput.key expects it. */
export function matchKey(source: string, recordId: string, role: string): string {
  // join makes one flat string; a template literal makes a rope (V8 cons strings) that, once hashed
  // into a map, keeps a 32-byte node beside its flattened text: 32 MB on a million held records.
  return [source, recordId, role].join('\u0001');
}

/** Named comparison levels of one scored pair, e.g. { name: 'pinyin', birth: 'equal' }; missing fields are absent. */
export type LevelNames = Record<string, string>;

/**
 * Why two records were linked: the guarded id rule, a shared credential of one source (a door
 * card) with agreeing names, the model's probability, a reviewer, or (for a record that carries
 * only a name) being the one person written with exactly that name.
 */
export type LinkRule = 'id' | 'credential' | 'score' | 'reviewer' | 'unique_name' | 'name_place';

/** A scored link between two records (explainable: the levels and weights behind the score). */
export interface Link {
  a: string;
  b: string;
  /** Posterior match probability under the model. */
  probability: number;
  /** Log2 Bayes factor including the prior. */
  score: number;
  rule: LinkRule;
  levels: LevelNames;
}

/** A pair whose probability fell in the middle band: a person has to decide. */
export interface ReviewEntry {
  a: string;
  b: string;
  probability: number;
  score: number;
  levels: LevelNames;
}

/** A reviewer's verdict on two records; kept and respected by every later run. */
export interface ReviewDecision {
  a: string;
  b: string;
  same: boolean;
}

/** Merges and splits of persons, with their reasons; a refused merge is recorded too. */
export type ResolutionEvent =
  | { type: 'merged'; survivor: string; absorbed: string; reason: LinkRule; via: { a: string; b: string; probability: number } }
  | { type: 'split'; from: string; to: string; reason: 'reviewer_not_same' | 'record_changed'; recordKeys: string[] }
  | {
      type: 'merge_refused';
      personA: string;
      personB: string;
      /** id_conflict: two different valid ids; cannot_link: a reviewer's "not same" or twins. */
      reason: 'id_conflict' | 'cannot_link';
      via: { a: string; b: string };
    };
