// The persons the resolver holds: which records make each person, its id and age (the older id
// survives a merge), its constraint id (one valid resident id per person), and the cannot-link
// pairs (reviewer verdicts, twins) no merge may cross.

export interface PersonState {
  id: string;
  /** Creation order in this resolver: lower is older. */
  age: number;
  records: number[];
  constraintId: string | null;
}

export class PersonTable {
  /** Person slot of each record ordinal (-1 when the record is gone). */
  readonly personOf: number[] = [];
  private readonly persons: (PersonState | null)[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly cannot = new Map<number, Set<number>>();
  private nextAge = 0;

  /** `compareIds` orders ids by age when the caller knows it (persons restored from a store). */
  constructor(private readonly compareIds?: (a: string, b: string) => number) {}

  /** The slot of the older of two persons. */
  older(a: number, b: number): number {
    const pa = this.get(a);
    const pb = this.get(b);
    const order = this.compareIds === undefined ? pa.age - pb.age : this.compareIds(pa.id, pb.id);
    return order <= 0 ? a : b;
  }

  get(slot: number): PersonState {
    const p = this.persons[slot];
    if (p === undefined || p === null) throw new RangeError(`no person in slot ${slot}`);
    return p;
  }

  slotOf(personId: string): number | undefined {
    return this.slotById.get(personId);
  }

  idOfRecord(ord: number): string {
    return this.get(this.personOf[ord]!).id;
  }

  /** True when the slot holds a person that has no records left. */
  isEmpty(slot: number): boolean {
    const p = this.persons[slot];
    return p !== undefined && p !== null && p.records.length === 0;
  }

  get size(): number {
    return this.slotById.size;
  }

  create(id: string): number {
    const slot = this.persons.length;
    this.persons.push({ id, age: this.nextAge++, records: [], constraintId: null });
    this.slotById.set(id, slot);
    return slot;
  }

  addRecord(slot: number, ord: number, constraintId: string | null): void {
    const p = this.get(slot);
    p.records.push(ord);
    p.constraintId ??= constraintId;
    this.personOf[ord] = slot;
  }

  /** Takes a record out of its person; an emptied person keeps its slot and id until reused or dropped. */
  removeRecord(ord: number): number {
    const slot = this.personOf[ord]!;
    const p = this.get(slot);
    p.records = p.records.filter((r) => r !== ord);
    this.personOf[ord] = -1;
    return slot;
  }

  drop(slot: number): void {
    const p = this.get(slot);
    this.slotById.delete(p.id);
    this.persons[slot] = null;
  }

  /** Two constraint ids that differ can never be one person. */
  idsCompatible(a: string | null, b: string | null): boolean {
    return a === null || b === null || a === b;
  }

  addCannotLink(x: number, y: number): void {
    for (const [from, to] of [[x, y], [y, x]] as const) {
      let set = this.cannot.get(from);
      if (set === undefined) {
        set = new Set();
        this.cannot.set(from, set);
      }
      set.add(to);
    }
  }

  removeCannotLink(x: number, y: number): void {
    this.cannot.get(x)?.delete(y);
    this.cannot.get(y)?.delete(x);
  }

  isCannotLink(x: number, y: number): boolean {
    return this.cannot.get(x)?.has(y) === true;
  }

  /** True when some record of `records` may not be with some record of person `slot`. */
  hasCannotLinkTo(records: readonly number[], slot: number): boolean {
    for (const x of records) {
      const set = this.cannot.get(x);
      if (set === undefined) continue;
      for (const y of set) if (this.personOf[y] === slot) return true;
    }
    return false;
  }

  canMerge(a: number, b: number): 'ok' | 'id_conflict' | 'cannot_link' {
    const pa = this.get(a);
    const pb = this.get(b);
    if (!this.idsCompatible(pa.constraintId, pb.constraintId)) return 'id_conflict';
    const [small, other] = pa.records.length <= pb.records.length ? [pa, b] : [pb, a];
    return this.hasCannotLinkTo(small.records, other) ? 'cannot_link' : 'ok';
  }

  /** Merges two persons; the older id survives. Returns [survivor, absorbed] slots. */
  merge(a: number, b: number): [number, number] {
    const survivor = this.older(a, b);
    const absorbed = survivor === a ? b : a;
    const s = this.get(survivor);
    const x = this.get(absorbed);
    for (const ord of x.records) {
      s.records.push(ord);
      this.personOf[ord] = survivor;
    }
    s.constraintId ??= x.constraintId;
    this.drop(absorbed);
    return [survivor, absorbed];
  }

  /** Recomputes a person's constraint id from its records. */
  resetConstraint(slot: number, constraintOf: (ord: number) => string | null): void {
    const p = this.get(slot);
    p.constraintId = null;
    for (const ord of p.records) p.constraintId ??= constraintOf(ord);
  }
}
