// How right a resolution run's links are against the city's truth (benchmark-only): for every
// record the run linked (its batch, and records a merge moved), the record pairs its person now
// holds, against the pairs of its true person's records that the store holds. A first load is
// scored by the quality benchmarks; this scores what one incremental batch did.

import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ResolutionStore } from '../../src/store/resolution/resolution-store.js';
import type { CityManifest } from '../../src/synth/index.js';

export interface LinkTruth {
  /** Records the run linked that the truth knows. */
  records: number;
  /** Pairs (a linked record, another record of its person) of one true person. */
  right: number;
  /** Pairs of a linked record with a record of another true person. */
  wrong: number;
  /** Pairs of a linked record with a stored record of its true person that its person does not hold. */
  missed: number;
}

const keyOf = (source: string, recordId: string, role: string): string => `${source}\u0001${recordId}\u0001${role}`;

/** Streams the truth file: (record key, true person) for each line `keep` accepts. */
export async function readTruth(cityDir: string, manifest: CityManifest, keep: (key: string, person: string) => boolean): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const line of createInterface({ input: createReadStream(join(cityDir, manifest.truthFile), 'utf8'), crlfDelay: Infinity })) {
    if (line === '') continue;
    const t = JSON.parse(line) as { source: string; record_id: string; role: string; person: string };
    const key = keyOf(t.source, t.record_id, t.role);
    if (keep(key, t.person)) out.set(key, t.person);
  }
  return out;
}

/** Scores the links the run at `at` wrote (person_links.linked_at) against the truth. */
export async function scoreLinks(rs: ResolutionStore, at: string, cityDir: string, manifest: CityManifest): Promise<LinkTruth> {
  const db = rs.kysely;
  const placed = await db.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id']).where('linked_at', '=', at).execute();
  const personOf = new Map(placed.map((p) => [keyOf(p.source, p.record_id, p.role), p.person_id]));
  const members = new Map<string, string[]>();
  const persons = [...new Set(personOf.values())];
  for (let i = 0; i < persons.length; i += 500) {
    const rows = await db.selectFrom('person_links').select(['source', 'record_id', 'role', 'person_id']).where('person_id', 'in', persons.slice(i, i + 500)).execute();
    for (const r of rows) {
      const list = members.get(r.person_id) ?? [];
      list.push(keyOf(r.source, r.record_id, r.role));
      members.set(r.person_id, list);
    }
  }
  const wanted = new Set([...members.values()].flat());
  const truthOf = await readTruth(cityDir, manifest, (key) => wanted.has(key));
  const truePersons = new Set([...personOf.keys()].flatMap((k) => truthOf.get(k) ?? []));
  const ofTruePerson = await readTruth(cityDir, manifest, (_, person) => truePersons.has(person));
  const stored = await rs.personsOfRecords([...ofTruePerson.keys()]);
  const storedOf = new Map<string, string[]>();
  for (const [key, person] of ofTruePerson) {
    if (!stored.has(key)) continue;
    const list = storedOf.get(person) ?? [];
    list.push(key);
    storedOf.set(person, list);
  }
  const score: LinkTruth = { records: 0, right: 0, wrong: 0, missed: 0 };
  for (const [key, person] of personOf) {
    const truth = truthOf.get(key);
    if (truth === undefined) continue;
    score.records += 1;
    let right = 0;
    let wrong = 0;
    for (const other of members.get(person) ?? []) {
      if (other === key) continue;
      if (truthOf.get(other) === truth) right += 1;
      else wrong += 1;
    }
    score.right += right;
    score.wrong += wrong;
    score.missed += (storedOf.get(truth) ?? []).filter((k) => k !== key).length - right;
  }
  return score;
}
