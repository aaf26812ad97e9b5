// The Fellegi-Sunter match model: m and u per comparison level, the prior λ, and term frequencies
// of common names. A versioned plain-JSON document (trained from data by train.ts, stored by the
// caller), compiled once into weight tables for the pair loop.

import { AppError } from '../errors.js';
import { comparisons, C_GIVEN, C_NAME, C_SURNAME, COMPARISON_COUNT } from './compare/index.js';
import { NAME_EXACT, NAME_PINYIN, NAME_SIMPLIFIED } from './compare/name.js';
import { PART_EXACT, PART_SWAPPED } from './compare/latin-name.js';
import { credentialSet, type CredentialFact, type CredentialSet, type CredentialState } from './credentials.js';
import { placeIndex, type PlaceFact, type PlaceIndex } from './places.js';
import type { RecordFeatures } from './features.js';

export const MODEL_FORMAT = 'yima-er-model';
export const MODEL_VERSION = 1;

export interface LevelParams {
  name: string;
  /** P(level | same person) */
  m: number;
  /** P(level | different persons) */
  u: number;
}

export interface ComparisonParams {
  name: string;
  levels: LevelParams[];
}

export interface TrainingSummary {
  records: number;
  randomPairs: number;
  /** Pairs the deterministic rule linked, and which rule gave the prior. */
  deterministicPairs: number;
  priorRule: 'resident_id' | 'other_id' | 'name_birth' | 'none';
  sessions: { family: string; pairs: number; iterations: number; matchShare: number }[];
  /** Records the sample was drawn from: the store's size when trained (absent in older models). */
  inputs?: number;
  /** Records of each source that credentials were learned from (absent in older models). */
  credentialSources?: Record<string, number>;
}

export interface MatchModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** λ: the probability that two records drawn at random are the same person. */
  prior: number;
  comparisons: ComparisonParams[];
  /** Share of records holding a common value, per comparison (name: pinyin key; given_name, surname). */
  termFrequencies: Record<string, Record<string, number>>;
  /** Facts learned to be a source's own number for a person (credentials.ts); absent in older models. */
  credentials?: CredentialFact[];
  /** Facts learned to stand for where their people live (places.ts); absent in older models. */
  places?: PlaceFact[];
  training: TrainingSummary;
}

/** Weight tables ready for the pair loop. */
export interface CompiledModel {
  model: MatchModel;
  priorBits: number;
  /** weights[c][level] = log2(m / u) */
  weights: Float64Array[];
  /** Frequencies of common values for the three name comparisons, and the u of agreeing on any value. */
  nameTf: Map<string, number>;
  givenTf: Map<string, number>;
  surnameTf: Map<string, number>;
  nameAgreeU: number;
  givenAgreeU: number;
  surnameAgreeU: number;
  credentials: CredentialSet;
  places: PlaceIndex;
}

function bits(x: number): number {
  return Math.log2(x);
}

function badModel(detail: string): AppError {
  return new AppError('bad_request', '匹配模型文件无效', 'The match model file is not valid', detail);
}

/** Checks a parsed JSON document is a model this engine can use (same comparisons and levels). */
export function parseModel(json: unknown): MatchModel {
  if (typeof json !== 'object' || json === null) throw badModel('not an object');
  const m = json as Partial<MatchModel>;
  if (m.format !== MODEL_FORMAT) throw badModel('format');
  if (m.version !== MODEL_VERSION) throw badModel(`version ${String(m.version)}`);
  if (typeof m.prior !== 'number' || !(m.prior > 0 && m.prior < 1)) throw badModel('prior');
  if (!Array.isArray(m.comparisons) || m.comparisons.length !== COMPARISON_COUNT) throw badModel('comparisons');
  m.comparisons.forEach((c, i) => {
    const spec = comparisons[i]!;
    if (c.name !== spec.name || c.levels.length !== spec.levels.length) throw badModel(`comparison ${spec.name}`);
    c.levels.forEach((l, j) => {
      if (l.name !== spec.levels[j] || !(l.m > 0 && l.m <= 1) || !(l.u > 0 && l.u <= 1)) throw badModel(`${spec.name}.${spec.levels[j]}`);
    });
  });
  if (typeof m.termFrequencies !== 'object' || m.termFrequencies === null) throw badModel('termFrequencies');
  if (m.credentials !== undefined) {
    if (!Array.isArray(m.credentials)) throw badModel('credentials');
    for (const c of m.credentials as unknown[]) {
      const fact = c as Partial<CredentialFact> | null;
      if (typeof fact !== 'object' || fact === null || typeof fact.source !== 'string' || typeof fact.role !== 'string' || typeof fact.fact !== 'string') throw badModel('credentials');
    }
  }
  if (m.places !== undefined) {
    if (!Array.isArray(m.places)) throw badModel('places');
    for (const p of m.places as unknown[]) {
      const fact = p as Partial<PlaceFact> | null;
      if (typeof fact !== 'object' || fact === null || typeof fact.source !== 'string' || typeof fact.role !== 'string' || typeof fact.fact !== 'string' || !Array.isArray(fact.profiles)) throw badModel('places');
      for (const entry of fact.profiles as unknown[]) {
        const [value, region, grams] = Array.isArray(entry) ? (entry as unknown[]) : [];
        if (typeof value !== 'string' || typeof region !== 'string' || !Array.isArray(grams) || !grams.every((g) => Number.isInteger(g))) throw badModel('places');
      }
    }
  }
  return m as MatchModel;
}

function tfMap(model: MatchModel, name: string): Map<string, number> {
  return new Map(Object.entries(model.termFrequencies[name] ?? {}));
}

/** What a model knows of credentials: the facts, and how many records of each source they came from. */
export function credentialStateOf(model: MatchModel): CredentialState {
  return { facts: model.credentials ?? [], analysed: model.training.credentialSources ?? {} };
}

export function compileModel(model: MatchModel): CompiledModel {
  const weights = model.comparisons.map((c) => Float64Array.from(c.levels, (l) => bits(l.m / l.u)));
  const u = (c: number, levels: number[]): number => levels.reduce((s, l) => s + model.comparisons[c]!.levels[l]!.u, 0);
  return {
    model,
    priorBits: bits(model.prior / (1 - model.prior)),
    weights,
    nameTf: tfMap(model, 'name'),
    givenTf: tfMap(model, 'given_name'),
    surnameTf: tfMap(model, 'surname'),
    nameAgreeU: u(C_NAME, [NAME_EXACT, NAME_SIMPLIFIED, NAME_PINYIN]),
    givenAgreeU: u(C_GIVEN, [PART_EXACT, PART_SWAPPED]),
    surnameAgreeU: u(C_SURNAME, [PART_EXACT, PART_SWAPPED]),
    credentials: credentialSet(model.credentials),
    places: placeIndex(model.places),
  };
}

/** Common values weigh less: agreeing on a value held by many records is weaker evidence. */
function tfPenalty(tf: Map<string, number>, value: string | null, agreeU: number): number {
  if (value === null) return 0;
  const share = tf.get(value);
  return share === undefined || share <= agreeU ? 0 : bits(agreeU / share);
}

/** Term-frequency adjustments (in bits, ≤ 0) for the name comparisons of a pair at `levels`. */
export function termFrequencyBits(cm: CompiledModel, a: RecordFeatures, levels: Int8Array): number {
  let adjust = 0;
  const name = levels[C_NAME]!;
  if (name >= 0 && name <= NAME_PINYIN) adjust += tfPenalty(cm.nameTf, a.name.comparableKey, cm.nameAgreeU);
  const given = levels[C_GIVEN]!;
  if (given === PART_EXACT || given === PART_SWAPPED) adjust += tfPenalty(cm.givenTf, a.name.given, cm.givenAgreeU);
  const surname = levels[C_SURNAME]!;
  if (surname === PART_EXACT || surname === PART_SWAPPED) adjust += tfPenalty(cm.surnameTf, a.name.surname, cm.surnameAgreeU);
  return adjust;
}

/** Log2 posterior odds of the pair being one person: prior + level weights + term frequencies. */
export function scoreLevels(cm: CompiledModel, a: RecordFeatures, levels: Int8Array): number {
  let score = cm.priorBits;
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    const level = levels[c]!;
    if (level >= 0) score += cm.weights[c]![level]!;
  }
  return score + termFrequencyBits(cm, a, levels);
}

export function probabilityOf(score: number): number {
  return 1 / (1 + Math.pow(2, -score));
}

/** Each comparison's weight in a scored pair, for explanations. */
export function explainLevels(cm: CompiledModel, levels: Int8Array): { comparison: string; level: string; bits: number }[] {
  const out: { comparison: string; level: string; bits: number }[] = [];
  for (let c = 0; c < COMPARISON_COUNT; c++) {
    const level = levels[c]!;
    if (level < 0) continue;
    out.push({ comparison: comparisons[c]!.name, level: comparisons[c]!.levels[level]!, bits: cm.weights[c]![level]! });
  }
  return out;
}
