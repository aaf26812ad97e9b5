// matching — yima's entity-resolution engine (pure: no I/O, no clock, no Math.random).
//
//   const inputs = matchInputsOf(source, kind, acceptedRow);            // one per role of the row
//   const model = trainModel(inputs, { random: seededRandom(1) });      // store as JSON, retrain by command
//   const resolver = new Resolver({ model: parseModel(json), mintPersonId, decisions });
//   const { file, probe } = blockingKeysOf(input);  // a persistent index files under `file`, finds by `probe`
//   resolver.restore(known);                     // records already in the store, with their persons
//   const result = resolver.addBatch(inputs);    // assignments, links, reviews, events, stats
//   resolver.decide({ a, b, same: false });      // a reviewer's verdict: split or merge now, kept later
//   resolver.explain(a, b);                      // probability, levels and the weight of each
//   buildGoldenRecord(personId, records, '440300');
//
// Inputs are MatchInputs (one person of one source row under one role). Comparison levels,
// blocking keys and the Fellegi-Sunter model are documented in their modules. Blocks larger than
// DEFAULT_BLOCK_CAP records are ignored: a store may skip returning them.

export { matchInputsOf, okFacts } from './input.js';
export { credentialSet, learnCredentials, learnNewSources, mergeCredentialStates, type CredentialFact, type CredentialState } from './credentials.js';
export { learnPlaces } from './learn-places.js';
export { placeIndex, type PlaceFact, type PlaceIndex, type PlaceProfile } from './places.js';
export { matchKey, type Link, type LinkRule, type LevelNames, type MatchInput, type RelatedPerson, type ResolutionEvent, type ReviewDecision, type ReviewEntry } from './types.js';
export { Resolver } from './cluster.js';
export type { Assignment, BatchResult, BatchStats, CandidateLookup, KnownRecord, PairExplanation, ResolverOptions } from './resolver-types.js';
export { trainModel, type TrainOptions } from './train.js';
export { credentialStateOf, MODEL_FORMAT, MODEL_VERSION, parseModel, type MatchModel } from './model.js';
export { blockingKeysOf, blockingReport, DEFAULT_BLOCK_CAP, familyOf, wideFamilies, type BlockingReport, type KeyFamily } from './blocking.js';
export { carriesOnlyAName, extractFeatures, type RecordFeatures } from './features.js';
export { decodeGolden, encodeGolden } from './golden-codec.js';
export { applyResolutions, buildGoldenRecord, unregisteredEvidence, type Conflict, type ConflictResolution, type GoldenRecord, type GoldenValue, type HistoryEntry, type Provenance, type SurvivorshipRule } from './golden.js';
export { bCubedScores, blockingRecall, pairwiseScores, type BCubedScores, type PairwiseScores } from './metrics.js';
export { seededRandom, type Random } from './random.js';
export { comparisons } from './compare/index.js';
export { forgetMemos } from './memo.js';
