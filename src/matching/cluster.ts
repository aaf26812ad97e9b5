// Incremental clustering of records into persons. A Resolver holds its records and persons in
// memory and takes records one batch at a time: each new record is compared with the records it
// shares a blocking key with, linked by the guarded id rule, a reviewer's verdict or the model's
// probability, and joins (or merges) the persons it links to, under the constraints: one valid id
// per person, twins apart, reviewers' "not same" kept. Person ids come from the caller's minting
// function and are stable: the older id survives a merge. Re-adding unchanged records does nothing.

import { blockingKeys, BlockIndex, DEFAULT_BLOCK_CAP, familyList, FILE, KeyHasher, PROBE } from './blocking.js';
import { compareRecords, COMPARISON_COUNT, levelNames, packLevels, unpackLevels } from './compare/index.js';
import { credentialSet, type CredentialFact, type CredentialSet } from './credentials.js';
import { explainPair } from './explain.js';
import { extractFeatures, featureFingerprint, type RecordFeatures } from './features.js';
import { isLikelyTwin, vouchesFor } from './guards.js';
import { linkedAmongHeld } from './held-links.js';
import { pairRule } from './pair-rule.js';
import { compileModel, probabilityOf, scoreLevels, type CompiledModel } from './model.js';
import { PersonTable } from './person-table.js';
import { keepNameOnly, nameOnlyNames, pickNamesake, waitingNameOnly, type NameOnlyView } from './name-only.js';
import { placeIndex, type PlaceFact, type PlaceIndex } from './places.js';
import { Verdicts } from './verdicts.js';
import type { Assignment, BatchResult, BatchStats, CandidateLookup, KnownRecord, PairExplanation, ResolverOptions } from './resolver-types.js';
import type { Link, LinkRule, MatchInput, ResolutionEvent, ReviewDecision, ReviewEntry } from './types.js';

interface Candidate {
  other: number;
  score: number;
  rule: LinkRule;
  packed: number;
}

interface Work {
  events: ResolutionEvent[];
  links: Link[];
  reviews: ReviewEntry[];
  touched: Set<number>;
}

const rulePriority: Record<LinkRule, number> = { reviewer: 0, id: 1, score: 2, credential: 3, unique_name: 4, name_place: 5 };

function byPriority(x: Candidate, y: Candidate): number {
  return rulePriority[x.rule] - rulePriority[y.rule] || y.score - x.score || x.other - y.other;
}

const noPersons: ReadonlySet<number> = new Set();

export class Resolver {
  private readonly cm: CompiledModel;
  private credentials: CredentialSet;
  private places: PlaceIndex;
  private readonly mint: () => string;
  private readonly lookup: CandidateLookup | undefined;
  private readonly linkThreshold: number;
  private readonly reviewThreshold: number;
  private readonly index: BlockIndex;
  private readonly nameOnly: NameOnlyView;
  private readonly persons: PersonTable;
  private readonly linkNameOnly: boolean;
  private readonly features: (RecordFeatures | null)[] = [];
  private readonly ordOf = new Map<string, number>();
  private readonly verdicts = new Verdicts();
  private readonly levels = new Int8Array(COMPARISON_COUNT);
  private readonly scratch = new Int8Array(COMPARISON_COUNT);
  private stamp = new Int32Array(1024).fill(-1);
  private readonly candidates: number[] = [];
  private visiting = -1;
  private readonly hasher = new KeyHasher();
  /** Candidates proposed per key family (familyList order) in the current batch. */
  private readonly proposed = new Float64Array(familyList.length);
  /** Collects the distinct live candidates of the record being placed (one closure for all). */
  private readonly collect = (other: number): void => {
    if (this.stamp[other] === this.visiting) return;
    this.stamp[other] = this.visiting;
    if (this.features[other] !== null) this.candidates.push(other);
  };

  constructor(options: ResolverOptions) {
    this.cm = compileModel(options.model);
    this.credentials = this.cm.credentials;
    this.places = this.cm.places;
    this.mint = options.mintPersonId;
    this.lookup = options.lookup;
    this.linkThreshold = options.linkThreshold ?? 0.9;
    this.persons = new PersonTable(options.comparePersonIds);
    this.linkNameOnly = options.linkNameOnly ?? true;
    this.reviewThreshold = options.reviewThreshold ?? 0.5;
    this.index = new BlockIndex(options.blockCap ?? DEFAULT_BLOCK_CAP);
    this.nameOnly = { features: this.features, persons: this.persons, index: this.index, storedNamesakes: new Map() };
    for (const d of options.decisions ?? []) this.verdicts.remember(d);
  }

  /**
   * Uses credentials learned since the model was made (a source seen for the first time): records
   * placed from now on carry them.
   */
  useCredentials(facts: readonly CredentialFact[]): void {
    this.credentials = credentialSet(facts);
  }

  /** The names of the records with only a name that the resolver holds (name-only.ts). */
  nameOnlyNames(): Set<string> {
    return nameOnlyNames(this.features);
  }

  /** Stored persons holding a named record, by exact name (null: too many): see NameOnlyView.storedNamesakes. */
  useStoredNamesakes(namesakes: ReadonlyMap<string, readonly string[] | null>): void {
    this.nameOnly.storedNamesakes = namesakes;
  }

  /** The inputs a record held now would link outright, so a store skips their wide key families (held-links.ts). Changes nothing. */
  linkedAmongHeld(inputs: readonly MatchInput[]): Set<string> {
    const held = { index: this.index, features: this.features, verdicts: this.verdicts, cm: this.cm, linkThreshold: this.linkThreshold };
    return linkedAmongHeld(held, inputs.map((input) => extractFeatures(input, this.credentials, this.places)));
  }

  /** Uses places learned since the model was made (a source seen for the first time), for records placed from now on. */
  usePlaces(facts: readonly PlaceFact[]): void {
    this.places = placeIndex(facts);
  }

  get recordCount(): number {
    return this.ordOf.size;
  }

  get personCount(): number {
    return this.persons.size;
  }

  /** The person a record belongs to, if the resolver holds it. */
  personOf(recordKey: string): string | undefined {
    const ord = this.ordOf.get(recordKey);
    return ord === undefined ? undefined : this.persons.idOfRecord(ord);
  }

  /** Record keys of a person, oldest first. */
  recordsOf(personId: string): string[] {
    const slot = this.persons.slotOf(personId);
    if (slot === undefined) return [];
    return this.persons.get(slot).records.map((ord) => this.features[ord]!.key);
  }

  /** Loads records resolved before (from the caller's store) without scoring them; persons keep their ids. */
  restore(records: readonly KnownRecord[]): void {
    for (const { input, personId } of records) {
      if (this.ordOf.has(input.key)) continue;
      const f = extractFeatures(input, this.credentials, this.places);
      const ord = this.allocate(f);
      const n = this.hasher.hash(f);
      for (let k = 0; k < n; k++) if ((this.hasher.uses[k]! & FILE) !== 0) this.index.addHash(this.hasher.hashes[k]!, ord);
      const slot = this.persons.slotOf(personId) ?? this.persons.create(personId);
      this.persons.addRecord(slot, ord, f.constraintId);
    }
  }

  /** Resolves a batch of records: the same path for a first load and for each later batch. */
  addBatch(inputs: readonly MatchInput[]): BatchResult {
    const stats: BatchStats = { received: inputs.length, unchanged: 0, changed: 0, added: 0, comparisons: 0, byFamily: {}, oversizedKeys: 0 };
    const work: Work = { events: [], links: [], reviews: [], touched: new Set() };
    const latest = new Map<string, RecordFeatures>();
    for (const input of inputs) latest.set(input.key, extractFeatures(input, this.credentials, this.places));
    if (this.lookup !== undefined) this.restoreFromLookup([...latest.values()]);
    const fresh: { f: RecordFeatures; vacant: number }[] = [];
    const changedSlots = new Set<number>();
    const vacantOf = new Map<string, number>();
    const formerPerson = new Map<string, string>();
    for (const f of latest.values()) {
      const ord = this.ordOf.get(f.key);
      if (ord !== undefined && featureFingerprint(this.features[ord]!) === featureFingerprint(f)) {
        stats.unchanged++;
        continue;
      }
      if (ord !== undefined) {
        stats.changed++;
        formerPerson.set(f.key, this.persons.idOfRecord(ord));
        const slot = this.removeRecord(ord);
        changedSlots.add(slot);
        vacantOf.set(f.key, slot);
      } else stats.added++;
      fresh.push({ f, vacant: -1 });
    }
    for (const slot of changedSlots) {
      if (this.persons.get(slot).records.length > 0) this.recluster(slot, 'record_changed', work);
    }
    for (const item of fresh) item.vacant = vacantOf.get(item.f.key) ?? -1;
    // Records with a valid id of their own first: they anchor the persons the others join.
    fresh.sort((x, y) => Number(y.f.constraintId !== null) - Number(x.f.constraintId !== null));
    for (const item of fresh) {
      this.place(item.f, item.vacant, work, stats);
      const former = formerPerson.get(item.f.key);
      const now = this.persons.idOfRecord(this.ordOf.get(item.f.key)!);
      // A changed record that no longer fits its person leaves it: a split of one record.
      if (former !== undefined && former !== now && this.persons.slotOf(former) !== undefined) {
        work.events.push({ type: 'split', from: former, to: now, reason: 'record_changed', recordKeys: [item.f.key] });
      }
    }
    for (const slot of changedSlots) if (this.persons.isEmpty(slot)) this.persons.drop(slot);
    stats.oversizedKeys = this.index.oversizedKeys;
    familyList.forEach((family, i) => {
      if (this.proposed[i]! > 0) stats.byFamily[family] = this.proposed[i]!;
    });
    this.proposed.fill(0);
    return { assignments: this.assignments(work.touched), links: work.links, reviews: work.reviews, events: work.events, stats };
  }

  /** Applies a reviewer's verdict now (merge or split) and keeps it for every later run. */
  decide(decision: ReviewDecision): { events: ResolutionEvent[]; assignments: Assignment[]; links: Link[] } {
    this.verdicts.remember(decision);
    const work: Work = { events: [], links: [], reviews: [], touched: new Set() };
    const a = this.ordOf.get(decision.a);
    const b = this.ordOf.get(decision.b);
    if (a !== undefined && b !== undefined) {
      const sa = this.persons.personOf[a]!;
      const sb = this.persons.personOf[b]!;
      if (decision.same) {
        this.persons.removeCannotLink(a, b);
        if (sa !== sb) {
          compareRecords(this.features[a]!, this.features[b]!, this.levels);
          const score = scoreLevels(this.cm, this.features[a]!, this.levels);
          this.mergeOrRefuse(sa, sb, { other: b, score, rule: 'reviewer', packed: packLevels(this.levels) }, a, work);
        }
      } else {
        this.persons.addCannotLink(a, b);
        if (sa === sb) this.recluster(sa, 'reviewer_not_same', work);
      }
    }
    return { events: work.events, assignments: this.assignments(work.touched), links: work.links };
  }

  /** Why two held records would or would not link: the probability, each level and its weight in bits. */
  explain(keyA: string, keyB: string): PairExplanation | undefined {
    const a = this.ordOf.get(keyA);
    const b = this.ordOf.get(keyB);
    return a === undefined || b === undefined ? undefined : explainPair(this.cm, this.features[a]!, this.features[b]!);
  }

  private restoreFromLookup(batch: readonly RecordFeatures[]): void {
    const keys = new Set<string>();
    for (const f of batch) for (const key of blockingKeys(f, PROBE)) keys.add(key);
    this.restore(this.lookup!.find([...keys]));
  }

  private allocate(f: RecordFeatures): number {
    const ord = this.features.length;
    this.features.push(f);
    this.ordOf.set(f.key, ord);
    if (ord >= this.stamp.length) {
      const grown = new Int32Array(this.stamp.length * 2).fill(-1);
      grown.set(this.stamp);
      this.stamp = grown;
    }
    // Reviewers' "not same" verdicts on this record become constraints as soon as both records are here.
    for (const [other, same] of this.verdicts.about(f.key)) {
      const o = this.ordOf.get(other);
      if (o !== undefined && !same) this.persons.addCannotLink(ord, o);
    }
    return ord;
  }

  private removeRecord(ord: number): number {
    const f = this.features[ord]!;
    this.ordOf.delete(f.key);
    this.features[ord] = null;
    const slot = this.persons.removeRecord(ord);
    this.persons.resetConstraint(slot, (o) => this.features[o]!.constraintId);
    return slot;
  }

  /**
   * The persons one of whose records vouches for this one (guards.ts, vouchesFor): among them it
   * is nobody's twin. A record of theirs that looks like its twin (谢新铭, no id, born the same day
   * at the same door, beside 谢明新 who carries that person's id) must not bar it: that person is
   * already one, and the vouching record says it is this record's too.
   */
  private vouchedPersons(ord: number, found: readonly number[]): ReadonlySet<number> {
    const f = this.features[ord]!;
    const persons = new Set<number>();
    for (const other of found) {
      compareRecords(f, this.features[other]!, this.levels);
      if (vouchesFor(f, this.features[other]!, this.levels)) persons.add(this.persons.personOf[other]!);
    }
    return persons;
  }

  /** The pair looks like twins and no record of the other's person vouches for this one. */
  private twinBarred(f: RecordFeatures, g: RecordFeatures, other: number, vouched: () => ReadonlySet<number>): boolean {
    if (!isLikelyTwin(f, g, this.levels)) return false;
    const barred = !vouched().has(this.persons.personOf[other]!);
    // Vouching compares every candidate in the scratch levels: this pair's are put back.
    compareRecords(f, g, this.levels);
    return barred;
  }

  /** Scores a pair: a link candidate, a review entry, or nothing (twins become a cannot-link, except within `vouched`). */
  private judge(ord: number, other: number, vouched: () => ReadonlySet<number> = () => noPersons): Candidate | number | null {
    const f = this.features[ord]!;
    const g = this.features[other]!;
    const levels = this.levels;
    compareRecords(f, g, levels);
    const verdict = this.verdicts.of(f.key, g.key);
    if (verdict === false) return null;
    const score = scoreLevels(this.cm, f, levels);
    // Twins are looked for only where no reviewer spoke (a pair with one valid id is never twins).
    const twins = verdict !== true && this.twinBarred(f, g, other, vouched);
    const rule = pairRule(f, g, levels, verdict === true, twins, probabilityOf(score), this.linkThreshold);
    if (rule === 'twins') this.persons.addCannotLink(ord, other);
    if (rule === 'twins' || rule === 'relatives') return null;
    if (rule !== null) return { other, score, rule, packed: packLevels(levels) };
    return probabilityOf(score) >= this.reviewThreshold ? score : null;
  }

  private place(f: RecordFeatures, vacant: number, work: Work, stats: BatchStats): void {
    const ord = this.allocate(f);
    const found = this.candidates;
    found.length = 0;
    this.visiting = ord;
    this.stamp[ord] = ord;
    const { hasher } = this;
    const n = hasher.hash(f);
    for (let k = 0; k < n; k++) {
      if ((hasher.uses[k]! & PROBE) !== 0) this.proposed[hasher.families[k]!]! += this.index.visitHash(hasher.hashes[k]!, this.collect);
    }
    for (let k = 0; k < n; k++) if ((hasher.uses[k]! & FILE) !== 0) this.index.addHash(hasher.hashes[k]!, ord);
    // A reviewer's "same" links records whatever blocking says.
    for (const [key, same] of this.verdicts.about(f.key)) {
      const other = this.ordOf.get(key);
      if (other !== undefined && same) this.collect(other);
    }
    const links: Candidate[] = [];
    const reviews: { other: number; score: number; packed: number }[] = [];
    // Worked out only when a candidate looks like a twin (rare): it compares every candidate again.
    let vouchedSet: ReadonlySet<number> | null = null;
    const vouched = (): ReadonlySet<number> => (vouchedSet ??= this.vouchedPersons(ord, found));
    for (const other of found) {
      stats.comparisons++;
      const judged = this.judge(ord, other, vouched);
      if (judged === null) continue;
      if (typeof judged === 'number') reviews.push({ other, score: judged, packed: packLevels(this.levels) });
      else links.push(judged);
    }
    if (f.nameOnly) {
      // A shared credential (or a reviewer) speaks louder than a name: the other links go.
      const strong = links.filter((l) => l.rule === 'credential' || l.rule === 'reviewer');
      if (strong.length > 0 && strong.length < links.length) links.splice(0, links.length, ...strong);
      // A name alone never merges persons: with two or more to choose from it joins none.
      const targets = new Set(links.map((l) => this.persons.personOf[l.other]));
      if (targets.size > 1) links.length = 0;
      const namesake = this.linkNameOnly && links.length === 0 && targets.size <= 1 ? this.onlyNamesake(f, found) : null;
      if (namesake !== null) links.push(namesake);
    }
    links.sort(byPriority);
    // A changed record whose old version was its person's only record takes that person's id back.
    let slot = vacant >= 0 && this.persons.isEmpty(vacant) ? vacant : -1;
    if (slot >= 0) this.persons.addRecord(slot, ord, f.constraintId);
    const refused: { slot: number; link: Candidate; reason: 'id_conflict' | 'cannot_link' }[] = [];
    for (const link of links) {
      const target = this.persons.personOf[link.other]!;
      if (slot < 0) {
        const person = this.persons.get(target);
        if (!this.persons.idsCompatible(f.constraintId, person.constraintId)) refused.push({ slot: target, link, reason: 'id_conflict' });
        else if (this.persons.hasCannotLinkTo([ord], target)) refused.push({ slot: target, link, reason: 'cannot_link' });
        else {
          slot = target;
          this.persons.addRecord(slot, ord, f.constraintId);
          this.emitLink(ord, link, work);
        }
      } else if (target === slot) this.emitLink(ord, link, work);
      else slot = this.mergeOrRefuse(slot, target, link, ord, work);
    }
    if (slot < 0) {
      slot = this.persons.create(this.mint());
      this.persons.addRecord(slot, ord, f.constraintId);
    }
    if (this.linkNameOnly && !f.nameOnly && f.name.nameSimplified !== null) slot = this.adoptNameOnly(f, ord, slot, found, work);
    work.touched.add(ord);
    const id = this.persons.get(slot).id;
    for (const r of refused) {
      if (this.persons.personOf[r.link.other] === slot) continue;
      const via = { a: f.key, b: this.features[r.link.other]!.key };
      work.events.push({ type: 'merge_refused', personA: id, personB: this.persons.idOfRecord(r.link.other), reason: r.reason, via });
    }
    for (const r of reviews) {
      if (this.persons.personOf[r.other] === slot) continue;
      const levels = levelNames(unpackLevels(r.packed, this.scratch));
      work.reviews.push({ a: f.key, b: this.features[r.other]!.key, probability: probabilityOf(r.score), score: r.score, levels });
    }
  }

  /** Scores a pair again as a link of the given rule (for links decided outside judge). */
  private linkOf(ord: number, other: number, rule: LinkRule): Candidate {
    compareRecords(this.features[ord]!, this.features[other]!, this.levels);
    return { other, score: scoreLevels(this.cm, this.features[ord]!, this.levels), rule, packed: packLevels(this.levels) };
  }

  /** A name-only record's one namesake, by exact name or by the place its facts point to (name-only.ts). */
  private onlyNamesake(f: RecordFeatures, found: readonly number[]): Candidate | null {
    const pick = pickNamesake(this.nameOnly, f, found);
    return pick === null ? null : this.linkOf(this.ordOf.get(f.key)!, pick.other, pick.rule);
  }

  /** The reverse: name-only records waiting without other evidence join the person of `f` when it is the only one with that name. */
  private adoptNameOnly(f: RecordFeatures, ord: number, slot: number, found: readonly number[], work: Work): number {
    let current = slot;
    for (const o of waitingNameOnly(this.nameOnly, f, slot, found)) {
      if (this.persons.personOf[o] === current) continue;
      current = this.mergeOrRefuse(current, this.persons.personOf[o]!, this.linkOf(ord, o, 'unique_name'), ord, work);
    }
    return current;
  }

  /** Merges the person of `ord` (slot) with another through `link`, unless a constraint forbids it. */
  private mergeOrRefuse(slot: number, target: number, link: Candidate, ord: number, work: Work): number {
    const verdict = this.persons.canMerge(slot, target);
    const via = { a: this.features[ord]!.key, b: this.features[link.other]!.key };
    if (verdict !== 'ok') {
      work.events.push({ type: 'merge_refused', personA: this.persons.get(slot).id, personB: this.persons.get(target).id, reason: verdict, via });
      return slot;
    }
    const younger = this.persons.older(slot, target) === slot ? target : slot;
    const absorbedId = this.persons.get(younger).id;
    for (const moved of this.persons.get(younger).records) work.touched.add(moved);
    const [survivor] = this.persons.merge(slot, target);
    const event = { type: 'merged', survivor: this.persons.get(survivor).id, absorbed: absorbedId, reason: link.rule, via: { ...via, probability: probabilityOf(link.score) } } as const;
    work.events.push(event);
    this.emitLink(ord, link, work);
    return survivor;
  }

  private emitLink(ord: number, link: Candidate, work: Work): void {
    work.links.push({
      a: this.features[ord]!.key,
      b: this.features[link.other]!.key,
      probability: probabilityOf(link.score),
      score: link.score,
      rule: link.rule,
      levels: levelNames(unpackLevels(link.packed, this.scratch)),
    });
  }

  /**
   * Re-forms one person from its records alone (after a record changed or a reviewer said "not
   * same"): pairs rescored, linked strongest first under the constraints. The part holding the
   * oldest record keeps the id; every other part becomes a new person (a split event).
   */
  private recluster(slot: number, reason: 'record_changed' | 'reviewer_not_same', work: Work): void {
    const person = this.persons.get(slot);
    const records = [...person.records].sort((x, y) => x - y);
    if (records.length <= 1) return;
    const edges: (Candidate & { from: number })[] = [];
    for (let i = 0; i < records.length; i++) {
      for (let j = i + 1; j < records.length; j++) {
        const judged = this.judge(records[j]!, records[i]!);
        if (judged !== null && typeof judged !== 'number') edges.push({ ...judged, from: records[j]! });
      }
    }
    edges.sort(byPriority);
    const group = new Map<number, number[]>(records.map((r) => [r, [r]]));
    const constraint = (members: number[]): string | null => {
      for (const m of members) if (this.features[m]!.constraintId !== null) return this.features[m]!.constraintId;
      return null;
    };
    for (const e of edges) {
      const x = group.get(e.from)!;
      const y = group.get(e.other)!;
      if (x === y || !this.persons.idsCompatible(constraint(x), constraint(y))) continue;
      if (x.some((m) => y.some((n) => this.persons.isCannotLink(m, n)))) continue;
      for (const m of y) {
        x.push(m);
        group.set(m, x);
      }
    }
    if (this.linkNameOnly) keepNameOnly(this.nameOnly, group);
    const parts = [...new Set(group.values())].sort((p, q) => Math.min(...p) - Math.min(...q));
    for (const part of parts.slice(1)) {
      const next = this.persons.create(this.mint());
      for (const ord of part) {
        this.persons.removeRecord(ord);
        this.persons.addRecord(next, ord, this.features[ord]!.constraintId);
        work.touched.add(ord);
      }
      const recordKeys = part.map((ord) => this.features[ord]!.key);
      work.events.push({ type: 'split', from: person.id, to: this.persons.get(next).id, reason, recordKeys });
    }
    this.persons.resetConstraint(slot, (o) => this.features[o]!.constraintId);
  }

  private assignments(touched: ReadonlySet<number>): Assignment[] {
    const out: Assignment[] = [];
    for (const ord of touched) {
      const f = this.features[ord];
      if (f !== null && f !== undefined) out.push({ recordKey: f.key, personId: this.persons.idOfRecord(ord) });
    }
    return out;
  }
}
