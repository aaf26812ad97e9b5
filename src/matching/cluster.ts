// Incremental clustering of records into persons. A Resolver holds its records and persons in
// memory and takes records one batch at a time: each new record is compared with the records it
// shares a blocking key with, linked by the guarded id rule, a reviewer's verdict or the model's
// probability, and joins (or merges) the persons it links to, under the constraints: one valid id
// per person, twins apart, reviewers' "not same" kept. Person ids come from the caller's minting
// function and are stable: the older id survives a merge. Re-adding unchanged records does nothing.

import { blockingKeys, BlockIndex, DEFAULT_BLOCK_CAP, familyOf, hashKey, type KeyFamily } from './blocking.js';
import { compareRecords, COMPARISON_COUNT, levelNames, packLevels, unpackLevels } from './compare/index.js';
import { isDeterministicLink } from './deterministic.js';
import { extractFeatures, featureFingerprint, type RecordFeatures } from './features.js';
import { isLikelyRelative, isLikelyTwin } from './guards.js';
import { compileModel, probabilityOf, scoreLevels, type CompiledModel, type MatchModel } from './model.js';
import { PersonTable } from './person-table.js';
import type { Link, LinkRule, MatchInput, ResolutionEvent, ReviewDecision, ReviewEntry } from './types.js';

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

const rulePriority: Record<LinkRule, number> = { reviewer: 0, id: 1, score: 2 };

function byPriority(x: Candidate, y: Candidate): number {
  return rulePriority[x.rule] - rulePriority[y.rule] || y.score - x.score || x.other - y.other;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0002${b}` : `${b}\u0002${a}`;
}

export class Resolver {
  private readonly cm: CompiledModel;
  private readonly mint: () => string;
  private readonly lookup: CandidateLookup | undefined;
  private readonly linkThreshold: number;
  private readonly reviewThreshold: number;
  private readonly index: BlockIndex;
  private readonly persons = new PersonTable();
  private readonly features: (RecordFeatures | null)[] = [];
  private readonly ordOf = new Map<string, number>();
  private readonly verdicts = new Map<string, boolean>();
  private readonly verdictPartners = new Map<string, Set<string>>();
  private readonly levels = new Int8Array(COMPARISON_COUNT);
  private readonly scratch = new Int8Array(COMPARISON_COUNT);
  private stamp = new Int32Array(1024).fill(-1);
  private readonly candidates: number[] = [];
  private visiting = -1;
  /** Collects the distinct live candidates of the record being placed (one closure for all). */
  private readonly collect = (other: number): void => {
    if (this.stamp[other] === this.visiting) return;
    this.stamp[other] = this.visiting;
    if (this.features[other] !== null) this.candidates.push(other);
  };

  constructor(options: ResolverOptions) {
    this.cm = compileModel(options.model);
    this.mint = options.mintPersonId;
    this.lookup = options.lookup;
    this.linkThreshold = options.linkThreshold ?? 0.9;
    this.reviewThreshold = options.reviewThreshold ?? 0.5;
    this.index = new BlockIndex(options.blockCap ?? DEFAULT_BLOCK_CAP);
    for (const d of options.decisions ?? []) this.rememberVerdict(d);
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
      const f = extractFeatures(input);
      const ord = this.allocate(f);
      for (const key of blockingKeys(f)) this.index.add(key, ord);
      const slot = this.persons.slotOf(personId) ?? this.persons.create(personId);
      this.persons.addRecord(slot, ord, f.constraintId);
    }
  }

  /** Resolves a batch of records: the same path for a first load and for each later batch. */
  addBatch(inputs: readonly MatchInput[]): BatchResult {
    const stats: BatchStats = { received: inputs.length, unchanged: 0, changed: 0, added: 0, comparisons: 0, byFamily: {}, oversizedKeys: 0 };
    const work: Work = { events: [], links: [], reviews: [], touched: new Set() };
    const latest = new Map<string, RecordFeatures>();
    for (const input of inputs) latest.set(input.key, extractFeatures(input));
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
    return { assignments: this.assignments(work.touched), links: work.links, reviews: work.reviews, events: work.events, stats };
  }

  /** Applies a reviewer's verdict now (merge or split) and keeps it for every later run. */
  decide(decision: ReviewDecision): { events: ResolutionEvent[]; assignments: Assignment[]; links: Link[] } {
    this.rememberVerdict(decision);
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

  /** Why two held records would or would not link: probability and each comparison's weight. */
  explain(keyA: string, keyB: string): { probability: number; score: number; levels: Record<string, string> } | undefined {
    const a = this.ordOf.get(keyA);
    const b = this.ordOf.get(keyB);
    if (a === undefined || b === undefined) return undefined;
    compareRecords(this.features[a]!, this.features[b]!, this.levels);
    const score = scoreLevels(this.cm, this.features[a]!, this.levels);
    return { probability: probabilityOf(score), score, levels: levelNames(this.levels) };
  }

  private rememberVerdict(d: ReviewDecision): void {
    this.verdicts.set(pairKey(d.a, d.b), d.same);
    for (const [x, y] of [[d.a, d.b], [d.b, d.a]] as const) {
      let set = this.verdictPartners.get(x);
      if (set === undefined) {
        set = new Set();
        this.verdictPartners.set(x, set);
      }
      set.add(y);
    }
  }

  private verdictOf(a: string, b: string): boolean | undefined {
    return this.verdictPartners.has(a) ? this.verdicts.get(pairKey(a, b)) : undefined;
  }

  private restoreFromLookup(batch: readonly RecordFeatures[]): void {
    const keys = new Set<string>();
    for (const f of batch) for (const key of blockingKeys(f)) keys.add(key);
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
    const partners = this.verdictPartners.get(f.key);
    if (partners !== undefined) {
      for (const other of partners) {
        const o = this.ordOf.get(other);
        if (o !== undefined && this.verdicts.get(pairKey(f.key, other)) === false) this.persons.addCannotLink(ord, o);
      }
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

  /** Scores a pair: a link candidate, a review entry, or nothing (twins become a cannot-link). */
  private judge(ord: number, other: number): Candidate | number | null {
    const f = this.features[ord]!;
    const g = this.features[other]!;
    const levels = this.levels;
    compareRecords(f, g, levels);
    const verdict = this.verdictOf(f.key, g.key);
    if (verdict === false) return null;
    const score = scoreLevels(this.cm, f, levels);
    let rule: LinkRule | null = null;
    if (verdict === true) rule = 'reviewer';
    else if (isDeterministicLink(f, g, levels)) rule = 'id';
    else if (isLikelyTwin(f, g, levels)) {
      this.persons.addCannotLink(ord, other);
      return null;
    } else if (isLikelyRelative(levels)) return null;
    else if (probabilityOf(score) >= this.linkThreshold) rule = 'score';
    if (rule !== null) return { other, score, rule, packed: packLevels(levels) };
    return probabilityOf(score) >= this.reviewThreshold ? score : null;
  }

  private place(f: RecordFeatures, vacant: number, work: Work, stats: BatchStats): void {
    const ord = this.allocate(f);
    const keys = blockingKeys(f);
    const found = this.candidates;
    found.length = 0;
    this.visiting = ord;
    this.stamp[ord] = ord;
    const hashes = keys.map(hashKey);
    for (let k = 0; k < keys.length; k++) {
      const family = familyOf(keys[k]!);
      stats.byFamily[family] = (stats.byFamily[family] ?? 0) + this.index.visitHash(hashes[k]!, this.collect);
    }
    for (const hash of hashes) this.index.addHash(hash, ord);
    // A reviewer's "same" links records whatever blocking says.
    const partners = this.verdictPartners.get(f.key);
    if (partners !== undefined) {
      for (const key of partners) {
        const other = this.ordOf.get(key);
        if (other !== undefined && this.verdicts.get(pairKey(f.key, key)) === true) this.collect(other);
      }
    }
    const links: Candidate[] = [];
    const reviews: { other: number; score: number; packed: number }[] = [];
    for (const other of found) {
      stats.comparisons++;
      const judged = this.judge(ord, other);
      if (judged === null) continue;
      if (typeof judged === 'number') reviews.push({ other, score: judged, packed: packLevels(this.levels) });
      else links.push(judged);
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

  /** Merges the person of `ord` (slot) with another through `link`, unless a constraint forbids it. */
  private mergeOrRefuse(slot: number, target: number, link: Candidate, ord: number, work: Work): number {
    const verdict = this.persons.canMerge(slot, target);
    const via = { a: this.features[ord]!.key, b: this.features[link.other]!.key };
    if (verdict !== 'ok') {
      work.events.push({ type: 'merge_refused', personA: this.persons.get(slot).id, personB: this.persons.get(target).id, reason: verdict, via });
      return slot;
    }
    const older = this.persons.get(slot).age <= this.persons.get(target).age ? slot : target;
    const younger = older === slot ? target : slot;
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
