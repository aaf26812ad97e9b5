// Resolution run: takes every record role that is new or changed since it was last linked, finds
// the persons it may belong to through the persistent blocking-key index, lets the pure engine
// decide (links, merges, reviews), stores the outcome and rebuilds the golden records it touched.
// A first load and a 1,000-record batch take this same path; a re-run on unchanged data finds
// nothing pending and changes nothing.

import { randomUUID } from 'node:crypto';
import { applyResolutions, blockingKeysOf, forgetMemos, carriesOnlyAName, credentialSet, learnPlaces, placeIndex, type PlaceFact, credentialStateOf, learnNewSources, mergeCredentialStates, type CredentialState, buildGoldenRecord, DEFAULT_BLOCK_CAP, familyOf, wideFamilies, parseModel, Resolver, seededRandom, trainModel, type MatchInput, type MatchModel, type ResolutionEvent } from '../matching/index.js';
import type { AuditEntry } from '../audit/entry.js';
import type { LoadedInput, RecordRef } from '../store/resolution/load-inputs.js';
import type { ResolutionStore, ResolutionWrite } from '../store/resolution/resolution-store.js';
import { conflictRows, personRow } from './golden-rows.js';
import { defaultTrainingSample, trainOnSample } from './training-sample.js';
import { newCodeId } from '../access/code-id.js';

export interface ResolveOptions {
  nodeId: string;
  jurisdiction: string;
  now?: () => Date;
  /** Records loaded and resolved per step (default 20,000). */
  pageRecords?: number;
  /** Inputs the model is trained on when the store has none yet (default 300,000). */
  trainingSample?: number;
  progress?: (phase: 'train' | 'resolve' | 'golden' | 'views', done: number) => void;
  /** Appends audit entries (merges and splits) right after the write that made them. */
  audit?: (entries: AuditEntry[]) => Promise<unknown>;
  actor?: string;
}

/** Audit entries for merges and splits: person ids and reasons only, never personal data. */
export function eventAuditEntries(events: readonly ResolutionEvent[], at: string, actor: string, requestId: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const e of events) {
    if (e.type === 'merged') entries.push({ time: at, actor, role: 'system', action: 'merge', objectIds: [e.survivor, e.absorbed], purpose: 'entity_resolution', outcome: 'ok', requestId, details: { reason: e.reason } });
    else if (e.type === 'split') entries.push({ time: at, actor, role: 'system', action: 'split', objectIds: [e.from, e.to], purpose: 'entity_resolution', outcome: 'ok', requestId, details: { reason: e.reason, records: e.recordKeys.length } });
  }
  return entries;
}

export interface ResolveSummary {
  records: number;
  added: number;
  changed: number;
  comparisons: number;
  merges: number;
  splits: number;
  reviews: number;
  personsWritten: number;
  personsRemoved: number;
  modelVersion: number;
  trained: boolean;
}

/**
 * Pending records, a page at a time, loaded as matching inputs: after a completed resolution, the
 * records of the ingest runs none has taken in; at the first, every record in key order.
 */
async function* pendingPages(rs: ResolutionStore, size: number, runs: readonly string[] | null): AsyncGenerator<LoadedInput[]> {
  if (runs !== null) {
    const refs = await rs.pendingInRuns(runs);
    for (let i = 0; i < refs.length; i += size) yield await rs.loadInputs(refs.slice(i, i + size));
    return;
  }
  let after: RecordRef | null = null;
  for (;;) {
    const refs = await rs.pendingRecords(after, size);
    if (refs.length === 0) return;
    after = refs.at(-1) ?? null;
    yield await rs.loadInputs(refs);
  }
}

interface ModelChoice {
  model: MatchModel;
  version: number;
  trained: boolean;
  /** Pages read to train on, resolved first so nothing is loaded twice. */
  buffered: LoadedInput[][];
}

/**
 * A model trained while the store was small (`yima ingest` resolves one source at a time, so the
 * first model knows the first source only) is trained again once the store has doubled, on a
 * sample of everything stored, until one was trained on a full sample. Person ids are kept:
 * only later placements use the new weights.
 */
async function retrainedIfOutgrown(rs: ResolutionStore, model: MatchModel, version: number, limit: number, at: string): Promise<ModelChoice | null> {
  const trainedOn = model.training.inputs;
  if (trainedOn === undefined || trainedOn >= limit) return null;
  const stored = await rs.countRecordRoles();
  if (stored < 2 * trainedOn || stored - trainedOn < 1000) return null;
  const { model: trained } = await trainOnSample(rs, limit, stored);
  const credentials = mergeCredentialStates(credentialStateOf(model), credentialStateOf(trained));
  const next: MatchModel = { ...trained, credentials: credentials.facts, training: { ...trained.training, credentialSources: credentials.analysed } };
  await rs.saveModel(version + 1, JSON.stringify(next), at);
  return { model: next, version: version + 1, trained: true, buffered: [] };
}

async function ensureModel(rs: ResolutionStore, pages: AsyncGenerator<LoadedInput[]>, options: ResolveOptions, at: string): Promise<ModelChoice> {
  const latest = await rs.latestModel();
  const limit = options.trainingSample ?? defaultTrainingSample;
  if (latest !== undefined) {
    const model = parseModel(JSON.parse(latest.model));
    return (await retrainedIfOutgrown(rs, model, latest.version, limit, at)) ?? { model, version: latest.version, trained: false, buffered: [] };
  }
  // A store larger than the sample trains its first model on a uniform sample of everything, not
  // on its first pages: those are in key order, one source's records (a door register sorts first
  // and alone outgrew the sample at 1M persons), and a model that never saw a phone, a sex or an
  // address gives them no weight at all (measured: unregistered precision 0.997 at 308k, 0.977 at 1M).
  const stored = await rs.countRecordRoles();
  if (stored > limit) {
    const { model } = await trainOnSample(rs, limit, stored, (n) => options.progress?.('train', n));
    await rs.saveModel(1, JSON.stringify(model), at);
    return { model, version: 1, trained: true, buffered: [] };
  }
  // Small enough to train on whole: the pages read are kept and resolved first, so nothing is loaded twice.
  const buffered: LoadedInput[][] = [];
  let count = 0;
  while (count < limit) {
    const next = await pages.next();
    if (next.done === true) break;
    buffered.push(next.value);
    count += next.value.length;
    options.progress?.('train', count);
  }
  const model = trainModel(buffered.flatMap((page) => page.map((l) => l.input)), { random: seededRandom(1) });
  await rs.saveModel(1, JSON.stringify(model), at);
  return { model, version: 1, trained: true, buffered };
}

export function eventRows(events: readonly ResolutionEvent[], at: string): ResolutionWrite['events'] {
  return events.map((e) => {
    const base = { event_id: randomUUID(), created_at: at };
    switch (e.type) {
      case 'merged':
        return { ...base, type: 'merged', person_id: e.survivor, other_person_id: e.absorbed, reason: e.reason, detail: JSON.stringify(e.via) };
      case 'split':
        return { ...base, type: 'split', person_id: e.from, other_person_id: e.to, reason: e.reason, detail: JSON.stringify(e.recordKeys) };
      case 'merge_refused':
        return { ...base, type: 'merge_refused', person_id: e.personA, other_person_id: e.personB, reason: e.reason, detail: JSON.stringify(e.via) };
    }
  });
}

/** Person ids sort in minting order on one node (P<node><sequence>): the older id survives a merge. */
export function comparePersonIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

interface Placement {
  pages: AsyncGenerator<LoadedInput[]>;
  buffered: LoadedInput[][];
  model: MatchModel;
  version: number;
  hadLinks: boolean;
  at: string;
  runId: string;
  options: ResolveOptions;
  /** Counted into as records are placed. */
  summary: ResolveSummary;
}

interface Placed {
  /** Persons that gained, kept or lost records in this run. */
  touched: Set<string>;
  /** Persons merged into others. */
  absorbed: Set<string>;
  /** Persons whose views the store dropped because a record they share moved. */
  viewsDropped: Set<string>;
  /** What an incremental run loaded, for its golden rebuild. */
  loadedInputs: Map<string, LoadedInput> | undefined;
}

/** Places every pending record with one Resolver, page by page, and stores the links as it goes. */
async function placeRecords(rs: ResolutionStore, { pages, buffered, model, version, hadLinks, at, runId, options, summary }: Placement): Promise<Placed> {
  let seq = await rs.personSeq();
  const mintPersonId = (): string => `P${options.nodeId}${(++seq).toString(36).padStart(7, '0')}`;
  const resolver = new Resolver({ model, mintPersonId, decisions: await rs.decisions(), comparePersonIds });
  // Credentials of a source are learned from its own records, the first time a batch brings it.
  let credentialState: CredentialState = credentialStateOf(model);
  let credentials = credentialSet(credentialState.facts);
  let credentialsLearned = false;
  // Places are learned with the model (learn-places.ts): a name-only record at one looks for its
  // namesakes there. A source that comes after the model has its places learned like its credentials.
  let placeFacts: PlaceFact[] = model.places ?? [];
  let places = placeIndex(placeFacts);
  const touched = new Set<string>();
  const absorbed = new Set<string>();
  const viewsDropped = new Set<string>();
  // Inputs an incremental run has loaded (its batch and the persons it was compared with): the
  // golden rebuild at the end needs mostly these again. Bounded, and not kept on a first load,
  // whose rebuild pages through every person anyway.
  const loadedInputs = hadLinks ? new Map<string, LoadedInput>() : undefined;
  const remember = (items: readonly LoadedInput[]): void => {
    if (loadedInputs === undefined) return;
    for (const l of items) {
      if (loadedInputs.size >= maxRememberedInputs) return;
      loadedInputs.set(l.input.key, l);
    }
  };
  const all = async function* (): AsyncGenerator<LoadedInput[]> {
    // Pages read for training are released as they are resolved, not held to the end.
    for (let page = buffered.shift(); page !== undefined; page = buffered.shift()) yield page;
    yield* pages;
  };
  // A first load files every blocking key: cheaper to build the key index once afterwards.
  // (A first load cut short leaves it missing: any later run puts it back first.)
  if (!hadLinks) await rs.dropBlockKeyIndex();
  else await rs.createBlockKeyIndex();
  const resolvePage = async (loaded: readonly LoadedInput[]): Promise<void> => {
    const keysOf = new Map(loaded.map((l) => [l.input.key, blockingKeysOf(l.input, credentials, places)]));
    if (hadLinks) {
      // Namesakes the lookups read (to leave out door events no record of the batch can take), for the engine.
      const namesakes = new Map<string, string[] | null>();
      const restoreKnown = async (keys: readonly string[]): Promise<void> => {
        if (keys.length === 0) return;
        const known = await rs.findKnown(keys, DEFAULT_BLOCK_CAP, namesakes);
        remember(known.map((k) => k.loaded));
        resolver.restore(known.map((k) => ({ input: k.loaded.input, personId: k.personId })));
      };
      // The wide key families are asked second, and only for the records the others have not linked
      // already: they bring thousands of strangers (at 1M persons, ~3,400 of a 1,000-record batch's
      // ~7,700 candidate persons) for the few records that need them.
      await restoreKnown([...new Set([...keysOf.values()].flatMap((k) => k.probe.filter((key) => !wideFamilies.has(familyOf(key)))))]);
      const linked = resolver.linkedAmongHeld(loaded.map((l) => l.input));
      const wide = new Set<string>();
      for (const [recordKey, k] of keysOf) if (!linked.has(recordKey)) for (const key of k.probe) if (wideFamilies.has(familyOf(key))) wide.add(key);
      await restoreKnown([...wide]);
      // Namesakes are counted over the store, not over the candidates restored (name-only.ts): for
      // the page's records with only a name, and for its named records whose name a waiting one carries.
      const held = resolver.nameOnlyNames();
      const names = new Set<string>();
      for (const k of keysOf.values()) {
        for (const key of k.probe) {
          if (key.startsWith('n:')) names.add(key.slice(2));
          else if (key.startsWith('w:') && held.has(key.slice(2))) names.add(key.slice(2));
        }
      }
      const unread = [...names].filter((name) => !namesakes.has(name));
      if (unread.length > 0) for (const [name, persons] of await rs.storedNamesakes(unread, DEFAULT_BLOCK_CAP)) namesakes.set(name, persons);
      resolver.useStoredNamesakes(namesakes);
    }
    // Records of earlier pages or of the store that a merge or split moves keep their stored hash
    // (null below): only this page's hashes are held, not one for every record of a first load.
    const contentHash = new Map(loaded.map((l) => [l.input.key, l.contentHash]));
    remember(loaded);
    const result = resolver.addBatch(loaded.map((l) => l.input));
    summary.records += loaded.length;
    summary.added += result.stats.added;
    summary.changed += result.stats.changed;
    summary.comparisons += result.stats.comparisons;
    summary.reviews += result.reviews.length;
    for (const e of result.events) {
      if (e.type === 'merged') {
        summary.merges += 1;
        absorbed.add(e.absorbed);
      } else if (e.type === 'split') summary.splits += 1;
    }
    for (const a of result.assignments) touched.add(a.personId);
    const dropped = await rs.writeResolution({
      links: result.assignments.map((a) => ({ recordKey: a.recordKey, personId: a.personId, contentHash: contentHash.get(a.recordKey) ?? null })),
      matchLinks: result.links.map((l) => ({ a: l.a, b: l.b, probability: l.probability, score: l.score, rule: l.rule, levels: JSON.stringify(l.levels) })),
      blockKeys: loaded.flatMap((l) => (keysOf.get(l.input.key)?.file ?? []).map((key) => ({ key, recordKey: l.input.key }))),
      blockKeysTo: hadLinks ? 'recent' : 'all',
      reviews: result.reviews,
      events: eventRows(result.events, at),
      personSeq: seq,
      at,
    });
    for (const id of dropped) viewsDropped.add(id);
    const entries = eventAuditEntries(result.events, at, options.actor ?? 'resolver', runId);
    if (entries.length > 0) await options.audit?.(entries);
    options.progress?.('resolve', summary.records);
  };
  // Records that carry a name and nothing else are placed after every other record of the run:
  // whether a name is one person's is only known once the rest is in (a run's order is otherwise
  // the store's key order, in which a door register may well come first).
  const nameOnly: LoadedInput[] = [];
  for await (const loaded of all()) {
    const learned = learnNewSources(credentialState, loaded.map((l) => l.input));
    if (learned !== null) {
      const fresh = new Set(Object.keys(learned.analysed).filter((s) => learned.analysed[s] !== credentialState.analysed[s]));
      credentialState = learned;
      credentials = credentialSet(learned.facts);
      resolver.useCredentials(learned.facts);
      credentialsLearned = true;
      if (hadLinks) {
        placeFacts = [...placeFacts.filter((p) => !fresh.has(p.source)), ...(await placesOfSources(rs, loaded.filter((l) => fresh.has(l.input.source)), credentials))];
        places = placeIndex(placeFacts);
        resolver.usePlaces(placeFacts);
      }
    }
    const rich: LoadedInput[] = [];
    for (const l of loaded) (carriesOnlyAName(l.input) ? nameOnly : rich).push(l);
    if (rich.length > 0) await resolvePage(rich);
  }
  const pageRecords = options.pageRecords ?? 20_000;
  for (let i = 0; i < nameOnly.length; i += pageRecords) await resolvePage(nameOnly.slice(i, i + pageRecords));
  if (credentialsLearned) {
    // The same model, with what was learned: a new version, so every run says what it used.
    const next = { ...model, credentials: credentialState.facts, places: placeFacts, training: { ...model.training, credentialSources: credentialState.analysed } };
    summary.modelVersion = version + 1;
    await rs.saveModel(summary.modelVersion, JSON.stringify(next), at);
  }
  return { touched, absorbed, viewsDropped, loadedInputs };
}

/**
 * Blocking keys of incremental runs kept apart before they are moved into the large table: about
 * twenty 1,000-record batches. At 300k persons the move took 3.3 s, where each of those batches had
 * spent ~0.4 s (warm) to ~1.5 s (cold cache) writing its keys into the large index (measured).
 */
const recentBlockKeysMax = 200_000;

/** Inputs an incremental run keeps for its golden rebuild (about 2 KB each). */
const maxRememberedInputs = 200_000;

export async function resolvePending(rs: ResolutionStore, options: ResolveOptions): Promise<ResolveSummary> {
  const now = options.now ?? (() => new Date());
  const at = now().toISOString();
  const runId = randomUUID();
  // Runs completed before this run started are taken in by it; one still running is looked at
  // again next time (whatever of it was committed is linked now, and re-checking it is cheap).
  const unresolved = await rs.unresolvedRuns();
  const firstResolution = (await rs.resolvedThrough()) === null;
  const pages = pendingPages(rs, options.pageRecords ?? 20_000, firstResolution ? null : unresolved.map((r) => r.runId));
  const { model, version, trained, buffered } = await ensureModel(rs, pages, options, at);
  const hadLinks = await rs.hasLinks();
  const summary: ResolveSummary = { records: 0, added: 0, changed: 0, comparisons: 0, merges: 0, splits: 0, reviews: 0, personsWritten: 0, personsRemoved: 0, modelVersion: version, trained };
  // The resolver and its indexes live only while records are placed: on a first load they are most
  // of the process's memory, and the golden rebuild after reads its persons from the store.
  const { touched, absorbed, viewsDropped, loadedInputs } = await placeRecords(rs, { pages, buffered, model, version, hadLinks, at, runId, options, summary });
  // After a first load the engine's memos (names, addresses) are full of the whole population and
  // its resolver is ~1 GiB of garbage. Forget them and collect it all before the golden rebuild piles
  // its own pages on top: left to itself V8 would first grow the heap by a quarter of it. The yima
  // command runs node with --expose-gc for this (src/cli/node-flags.ts); elsewhere the collector
  // comes when it will. An incremental batch does neither: its resolver is small, and a full
  // collection of a serving process's heap and cold memos would only slow it.
  if (!hadLinks) {
    forgetMemos();
    // After a turn of the event loop, once the placement's promises have settled. In some runs at
    // 308k persons the resolver survives this collection all the same (793–883 MiB of heap kept,
    // against 56–151 MiB in others) and a later one frees it: not held by this code, cause not found.
    await new Promise((resolve) => setImmediate(resolve));
    (globalThis as { gc?: () => void }).gc?.();
  }
  const golden = await rebuildGolden(rs, hadLinks ? [...touched, ...absorbed] : null, options.jurisdiction, at, (n) => options.progress?.('golden', n), loadedInputs);
  // A first load builds its block-key index only now, once the resolver's memory has gone: the sort
  // of ~10 keys a record would otherwise come on top of it (the golden rebuild does not use the index).
  if (!hadLinks) await rs.createBlockKeyIndex();
  // Persons who share a relinked record but were not rebuilt (a guardian whose child moved).
  await rs.refreshPersonViews([...viewsDropped].filter((id) => !touched.has(id) && !absorbed.has(id)));
  // A store from before the person view's read model gets it once, here (golden rebuilds keep it after).
  await rs.fillPersonViews((n) => options.progress?.('views', n));
  // Only now is everything ingested before this run resolved. A minute of margin covers the clocks
  // of ingesting machines that disagree a little (NTP); looking again at linked records is harmless.
  await rs.markRunsResolved(unresolved.filter((r) => r.completed).map((r) => r.runId), at);
  await rs.setResolvedThrough(at);
  // Keys of incremental runs gather in a small table and join the large one in bulk (migration 0013).
  if (hadLinks) await rs.mergeRecentBlockKeys(recentBlockKeysMax);
  summary.personsWritten = golden.written;
  summary.personsRemoved = golden.removed;
  return summary;
}

/**
 * The places of sources a batch brings for the first time, once the store holds other sources:
 * learned from the batch's records and the stored records of the same valid ids (found by their id
 * key), where those persons' residences are.
 */
async function placesOfSources(rs: ResolutionStore, fresh: readonly LoadedInput[], credentials: ReadonlySet<string>): Promise<PlaceFact[]> {
  const ids = new Set<string>();
  for (const l of fresh) if (l.input.person.idValid && l.input.person.idNumber !== null) ids.add(`i:${l.input.person.idNumber}`);
  if (ids.size === 0) return [];
  const known = await rs.findKnown([...ids], DEFAULT_BLOCK_CAP);
  return learnPlaces([...fresh.map((l) => l.input), ...known.map((k) => k.loaded.input)], credentials);
}

/** Rebuilds the golden records of the given persons (all persons when null), page by page. */
export async function rebuildGolden(
  rs: ResolutionStore,
  personIds: string[] | null,
  jurisdiction: string,
  at: string,
  progress?: (written: number) => void,
  known?: ReadonlyMap<string, LoadedInput>,
): Promise<{ written: number; removed: number }> {
  const counts = { written: 0, removed: 0 };
  const pageSize = 2000;
  const pages: AsyncIterable<string[]> = personIds === null ? allPersonPages(rs, pageSize) : fixedPages(personIds, pageSize);
  for await (const ids of pages) {
    // Read, built and written in one transaction: the golden record and the person's view are of the same records.
    const written = await rs.rebuildGoldenPage(ids, known, (records, resolutions) => {
      const byPerson = new Map<string, MatchInput[]>();
      for (const r of records) {
        const list = byPerson.get(r.personId);
        if (list === undefined) byPerson.set(r.personId, [r.loaded.input]);
        else list.push(r.loaded.input);
      }
      // In key order, whatever order the store returned them in or whether they came from this run's
      // own reads: survivorship breaks ties by position, so a golden record must not depend on either.
      for (const list of byPerson.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const persons = [];
      const conflicts = [];
      const remove = [];
      for (const id of ids) {
        const inputs = byPerson.get(id);
        if (inputs === undefined || inputs.length === 0) {
          remove.push(id);
          continue;
        }
        const golden = applyResolutions(buildGoldenRecord(id, inputs, jurisdiction), resolutions.get(id) ?? []);
        persons.push(personRow(golden, inputs.length, at));
        conflicts.push(...conflictRows(golden));
      }
      // Every golden record has its service code id (一人一码) from the start; signed codes are
      // issued from it on demand.
      return { persons, conflicts, remove, codes: persons.map((p) => ({ personId: p.person_id, codeId: newCodeId() })) };
    });
    const { persons, remove } = written;
    counts.written += persons.length;
    counts.removed += remove.length;
    progress?.(counts.written);
  }
  return counts;
}

async function* allPersonPages(rs: ResolutionStore, size: number): AsyncIterable<string[]> {
  let after: string | null = null;
  for (;;) {
    const ids = await rs.personIdsAfter(after, size);
    if (ids.length === 0) return;
    yield ids;
    after = ids.at(-1) ?? null;
  }
}

async function* fixedPages(ids: readonly string[], size: number): AsyncIterable<string[]> {
  const unique = [...new Set(ids)].sort();
  for (let i = 0; i < unique.length; i += size) {
    await Promise.resolve();
    yield unique.slice(i, i + size);
  }
}
