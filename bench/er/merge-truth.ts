// How many of a resolution run's merges join records the city's truth says are one person
// (benchmark-only). The quality benchmarks score first loads; this scores what an incremental
// batch did, where a merge is the riskiest thing it does.

import type { ResolutionStore } from '../../src/store/resolution/resolution-store.js';
import type { CityManifest } from '../../src/synth/index.js';
import { readTruth } from './link-truth.js';

export interface MergeTruth {
  right: number;
  wrong: number;
}

/** Scores the merges a run made at `at` (each by the record pair that caused it) against the truth. */
export async function scoreMerges(rs: ResolutionStore, at: string, cityDir: string, manifest: CityManifest): Promise<MergeTruth> {
  const rows = await rs.kysely.selectFrom('resolution_events').select('detail').where('type', '=', 'merged').where('created_at', '=', at).execute();
  const pairs = rows.map((r) => JSON.parse(r.detail) as { a: string; b: string });
  const wanted = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const personOf = wanted.size === 0 ? new Map<string, string>() : await readTruth(cityDir, manifest, (key) => wanted.has(key));
  let right = 0;
  for (const p of pairs) if (personOf.get(p.a) !== undefined && personOf.get(p.a) === personOf.get(p.b)) right += 1;
  return { right, wrong: pairs.length - right };
}
