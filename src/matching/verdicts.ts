// Reviewers' verdicts on pairs of records ("same" / "not same"), by record key: kept for every
// later run, and looked up cheaply (most records have none).

import type { ReviewDecision } from './types.js';

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0002${b}` : `${b}\u0002${a}`;
}

export class Verdicts {
  private readonly byPair = new Map<string, boolean>();
  private readonly partners = new Map<string, Set<string>>();

  remember(d: ReviewDecision): void {
    this.byPair.set(pairKey(d.a, d.b), d.same);
    for (const [x, y] of [[d.a, d.b], [d.b, d.a]] as const) {
      let set = this.partners.get(x);
      if (set === undefined) {
        set = new Set();
        this.partners.set(x, set);
      }
      set.add(y);
    }
  }

  /** The verdict on two records, if a reviewer gave one. */
  of(a: string, b: string): boolean | undefined {
    return this.partners.has(a) ? this.byPair.get(pairKey(a, b)) : undefined;
  }

  /** The records a reviewer judged against this one, with the verdicts. */
  *about(key: string): Iterable<[string, boolean]> {
    const partners = this.partners.get(key);
    if (partners === undefined) return;
    for (const other of partners) yield [other, this.byPair.get(pairKey(key, other))!];
  }
}
