// Which blocking-key families bring a batch its candidates (benchmark-only probe). Wraps the
// resolution store's `findKnown` so that, before each real lookup, the keys it is given are looked
// up again family by family: how many records and persons each family finds, and how many persons
// no other family would have brought. Untimed: it doubles the lookups.

import { familyOf } from '../../src/matching/index.js';
import { recordsUnderKeys } from '../../src/store/resolution/block-keys.js';
import type { ResolutionStore } from '../../src/store/resolution/resolution-store.js';

export interface FamilyCount {
  family: string;
  keys: number;
  records: number;
  persons: number;
  /** Persons found through this family and no other. */
  only: number;
}

export interface FamilyProbe {
  counts: FamilyCount[];
  /** Distinct persons found over all families (what the batch restores). */
  persons: number;
}

export function probeKeyFamilies(rs: ResolutionStore): FamilyProbe {
  const probe: FamilyProbe = { counts: [], persons: 0 };
  const original = rs.findKnown.bind(rs);
  // Across every lookup of the run (a batch asks the wide families in a second one).
  const familiesOf = new Map<string, Set<string>>();
  const found = new Map<string, { keys: number; records: number; persons: Set<string> }>();
  Object.defineProperty(rs, 'findKnown', {
    configurable: true,
    async value(keys: readonly string[], blockCap: number) {
      const byFamily = new Map<string, string[]>();
      for (const key of keys) {
        const family = familyOf(key);
        const list = byFamily.get(family);
        if (list === undefined) byFamily.set(family, [key]);
        else list.push(key);
      }
      for (const [family, list] of byFamily) {
        const records = await recordsUnderKeys(rs.kysely, list, blockCap);
        const persons = new Set((await rs.personsOfRecords([...records])).values());
        const f = found.get(family) ?? { keys: 0, records: 0, persons: new Set<string>() };
        f.keys += list.length;
        f.records += records.size;
        for (const p of persons) {
          f.persons.add(p);
          const families = familiesOf.get(p);
          if (families === undefined) familiesOf.set(p, new Set([family]));
          else families.add(family);
        }
        found.set(family, f);
      }
      probe.counts = [...found].map(([family, f]) => {
        let only = 0;
        for (const p of f.persons) if (familiesOf.get(p)?.size === 1) only += 1;
        return { family, keys: f.keys, records: f.records, persons: f.persons.size, only };
      });
      probe.persons = familiesOf.size;
      return original(keys, blockCap);
    },
  });
  return probe;
}
