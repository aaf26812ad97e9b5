// matching — yima's entity-resolution engine (pure: no I/O, no clock, no Math.random).
//
//   const model = trainModel(inputs, { random: seededRandom(1) });      // store as JSON, retrain by command
//   const resolver = new Resolver({ model: parseModel(json), mintPersonId, decisions });
//   resolver.restore(known);                     // records already in the store, with their persons
//   const result = resolver.addBatch(inputs);    // assignments, links, reviews, events
//   resolver.decide({ a, b, same: false });      // a reviewer's verdict: split or merge now, kept later
//   buildGoldenRecord(personId, records, '440300');
//
// Inputs are MatchInputs (one person of one source row under one role). Comparison levels,
// blocking keys and the Fellegi-Sunter model are documented in their modules.

export { matchInputsOf } from './input.js';
export { matchKey, type Link, type LinkRule, type LevelNames, type MatchInput, type RelatedPerson, type ResolutionEvent, type ReviewDecision, type ReviewEntry } from './types.js';
export { Resolver, type Assignment, type BatchResult, type BatchStats, type CandidateLookup, type KnownRecord, type ResolverOptions } from './cluster.js';
export { trainModel, type TrainOptions } from './train.js';
export { MODEL_FORMAT, MODEL_VERSION, parseModel, type MatchModel } from './model.js';
export { blockingKeysOf, blockingReport, type BlockingReport, type KeyFamily } from './blocking.js';
export { extractFeatures, type RecordFeatures } from './features.js';
export { buildGoldenRecord, unregisteredEvidence, type Conflict, type GoldenRecord, type GoldenValue, type HistoryEntry, type Provenance, type SurvivorshipRule } from './golden.js';
export { bCubedScores, blockingRecall, pairwiseScores, type BCubedScores, type PairwiseScores } from './metrics.js';
export { seededRandom, type Random } from './random.js';
export { comparisons } from './compare/index.js';
