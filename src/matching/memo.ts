// A bounded memo for values derived from repeated text (names, addresses): two generations of
// maps; when the young one is full it becomes the old one and the oldest generation is dropped.
// Hot entries are promoted, so a population larger than the bound does not evict everything at
// once. Deterministic: it only ever saves recomputing a pure function.

const every = new Set<Memo<unknown>>();

/**
 * Empties every memo: a caller that has finished a large piece of work (a first resolution, whose
 * memos fill to their bounds with a population's names and addresses) gives their memory back.
 */
export function forgetMemos(): void {
  for (const memo of every) memo.clear();
}

export class Memo<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly limit: number) {
    every.add(this);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  get(key: string, compute: (key: string) => V): V {
    let value = this.young.get(key);
    if (value !== undefined) return value;
    value = this.old.get(key) ?? compute(key);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return value;
  }
}
