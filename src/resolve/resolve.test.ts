// Resolution on real stores over a synthetic city: quality against the ground truth, re-runs that
// change nothing, stable ids when a source is added, and reviewers' decisions that are kept.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairwiseScores } from '../matching/index.js';
import { makeCity, ingestCity, readTruth, type TruthLink } from '../test-support/city.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import type { Store } from '../store/types.js';
import type { CityManifest } from '../synth/index.js';
import { rebuildGolden, resolvePending } from './resolve.js';
import { applyDecision } from './review.js';
import { uniformSample } from './training-sample.js';

async function links(store: Store): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const [source, recordId, role, personId] of store.resolution.streamLinks()) out.set(`${source}\u0001${recordId}\u0001${role}`, personId);
  return out;
}

async function snapshot(store: Store): Promise<string[]> {
  const rows: string[] = [];
  for await (const p of store.resolution.streamPersons()) rows.push(`${p.person_id}|${p.name}|${p.id_number}|${p.record_count}|${p.floating}|${p.evidence}`);
  return rows;
}

const options = { nodeId: 'T', jurisdiction: '440300', now: () => new Date('2025-07-01T00:00:00Z') };

let dir: TempDir;
let manifest: CityManifest;
let truth: TruthLink[];

beforeAll(async () => {
  dir = makeTempDir('yima-city-');
  manifest = await makeCity(dir.path, 1500);
  truth = readTruth(dir.path, manifest);
}, 120_000);
afterAll(() => dir.remove());

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`resolution on ${factory.name}`, () => {
    let t: TestStore;
    let store: Store;
    beforeAll(async () => {
      t = await factory.open();
      store = t.store;
      // Everything but the marriage register first: it is added later as a new batch.
      await ingestCity(store, dir.path, manifest, (s) => s !== 'civil_marriage');
      await resolvePending(store.resolution, options);
    }, 240_000);
    afterAll(async () => {
      await t.dispose();
    });

    it('links records to persons with high precision and recall against the truth', async () => {
      const linked = await links(store);
      const keys: string[] = [];
      const predicted: string[] = [];
      const actual: string[] = [];
      for (const tl of truth) {
        const key = `${tl.source}\u0001${tl.record_id}\u0001${tl.role}`;
        const person = linked.get(key);
        if (person === undefined) continue;
        keys.push(key);
        predicted.push(person);
        actual.push(tl.person);
      }
      expect(keys.length).toBeGreaterThan(3000);
      const scores = pairwiseScores(predicted, actual);
      expect(scores.precision).toBeGreaterThan(0.99);
      expect(scores.recall).toBeGreaterThan(0.97);
    });

    it('changes nothing when run again on the same data', async () => {
      const before = await snapshot(store);
      const again = await resolvePending(store.resolution, options);
      expect(again.records).toBe(0);
      expect(await snapshot(store)).toEqual(before);
    });

    it('gives every golden record one service code id (一人一码), unique, kept across runs', async () => {
      const codes = new Map<string, string>();
      for await (const p of store.resolution.streamPersons()) codes.set(p.person_id, p.code_id ?? '');
      expect(codes.size).toBeGreaterThan(0);
      expect([...codes.values()].every((c) => /^YM[A-Z2-9]{16}$/.test(c))).toBe(true);
      expect(new Set(codes.values()).size).toBe(codes.size);
      await resolvePending(store.resolution, options);
      for await (const p of store.resolution.streamPersons()) expect(p.code_id).toBe(codes.get(p.person_id));
    });

    it('keeps every person id when a new source is added', async () => {
      const before = await links(store);
      await ingestCity(store, dir.path, manifest, (s) => s === 'civil_marriage', '2025-07-02T00:00:00Z');
      const summary = await resolvePending(store.resolution, { ...options, now: () => new Date('2025-07-03T00:00:00Z') });
      expect(summary.added).toBeGreaterThan(0);
      // Only the new run's records were read, whatever their ingest times say.
      expect(summary.records).toBe(truth.filter((tl) => tl.source === 'civil_marriage').length);
      expect((await store.resolution.unresolvedRuns()).length).toBe(0);
      const after = await links(store);
      let moved = 0;
      for (const [key, person] of before) if (after.get(key) !== person) moved += 1;
      // Only records of persons merged by the new evidence may move, and a merge keeps one id.
      expect(moved).toBeLessThanOrEqual(summary.merges * 10);
      expect([...after.values()].filter((p) => !new Set(before.values()).has(p)).length).toBeLessThanOrEqual(summary.added);
    });

    it('writes, after an incremental run, the golden records a rebuild from the store alone writes', async () => {
      // The incremental run rebuilt its persons from the inputs it had loaded; a full rebuild reads them all again.
      const golden = async () => (await store.resolution.kysely.selectFrom('persons').select(['person_id', 'golden', 'record_count', 'conflict_count']).orderBy('person_id').execute()).map((r) => JSON.stringify(r));
      const before = await golden();
      await rebuildGolden(store.resolution, null, options.jurisdiction, '2025-07-05T00:00:00Z');
      expect(await golden()).toEqual(before);
    });

    it('applies a reviewer\u2019s "not the same" and keeps it through a re-run', async () => {
      const linked = await links(store);
      const byPerson = new Map<string, string[]>();
      for (const [key, person] of linked) byPerson.set(person, [...(byPerson.get(person) ?? []), key]);
      const [a, b] = [...byPerson.values()].find((keys) => keys.length >= 2)!;
      await applyDecision(store.resolution, { a: a!, b: b!, same: false }, { ...options, reviewer: 'reviewer1' });
      let now = await links(store);
      expect(now.get(a!)).not.toBe(now.get(b!));
      await resolvePending(store.resolution, options);
      now = await links(store);
      expect(now.get(a!)).not.toBe(now.get(b!));
      const decisions = await store.resolution.decisions();
      expect(decisions).toContainEqual(expect.objectContaining({ same: false }));
    });
  });
}

// The command contract's order: one source at a time, each resolved as it comes. The model is
// trained on the first; a source seen later still has its credentials (a door card) learned.
describe('one source at a time, as `yima ingest` runs', () => {
  const factory = storeFactories[0]!;
  let t: TestStore;
  beforeAll(async () => {
    t = await factory.open();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('learns the credentials of a source seen after the model was trained, and links by them', async () => {
    const store = t.store;
    let day = 1;
    for (const s of manifest.sources) {
      const at = `2025-06-${String(day).padStart(2, '0')}T00:00:00Z`;
      await ingestCity(store, dir.path, manifest, (name) => name === s.source, at);
      await resolvePending(store.resolution, { ...options, now: () => new Date(`2025-06-${String(day).padStart(2, '0')}T12:00:00Z`) });
      day += 1;
    }
    const latest = await store.resolution.latestModel();
    const model = JSON.parse(latest!.model) as { credentials?: { source: string; fact: string }[]; training: { inputs?: number; credentialSources?: Record<string, number> } };
    expect(latest!.version).toBeGreaterThan(1);
    // Trained again as the store grew: the last model saw far more than the first source.
    const first = truth.filter((tl) => tl.source === manifest.sources[0]!.source).length;
    expect(model.training.inputs).toBeGreaterThan(2 * first);
    expect(model.credentials?.map((c) => `${c.source}.${c.fact}`)).toContain('access_control.card_no');
    expect(Object.keys(model.training.credentialSources ?? {})).toEqual(expect.arrayContaining(manifest.sources.map((s) => s.source)));
    // Door events, scored alone against the truth: their card links them to their person.
    const linked = await links(store);
    const door = truth.filter((tl) => tl.source === 'access_control' && linked.has(`${tl.source}\u0001${tl.record_id}\u0001${tl.role}`));
    const scores = pairwiseScores(
      door.map((tl) => linked.get(`${tl.source}\u0001${tl.record_id}\u0001${tl.role}`)!),
      door.map((tl) => tl.person),
    );
    expect(scores.precision).toBeGreaterThan(0.99);
    expect(scores.recall).toBeGreaterThan(0.9);
  }, 240_000);
});

for (const factory of storeFactories) {
  describe.skipIf(!factory.available)(`the first model of a store larger than its training sample, on ${factory.name}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await factory.open();
      await ingestCity(t.store, dir.path, manifest, () => true);
    }, 240_000);
    afterAll(async () => {
      await t.dispose();
    });

    it('samples every source in its share, the same sample each time', async () => {
      const rs = t.store.resolution;
      const stored = await rs.countRecordRoles();
      const sample = await uniformSample(rs, 400, stored);
      expect(sample.length).toBeGreaterThan(200);
      expect(sample.length).toBeLessThan(800);
      const sampled = new Map<string, number>();
      for (const input of sample) sampled.set(input.source, (sampled.get(input.source) ?? 0) + 1);
      for (const s of manifest.sources) {
        const roles = truth.filter((tl) => tl.source === s.source).length;
        const expected = (roles / stored) * 400;
        if (expected < 20) continue;
        expect(sampled.get(s.source) ?? 0, s.source).toBeGreaterThan(expected / 3);
        expect(sampled.get(s.source) ?? 0, s.source).toBeLessThan(expected * 3);
      }
      expect((await uniformSample(rs, 400, stored)).map((i) => i.key)).toEqual(sample.map((i) => i.key));
    });

    it('learns from every source, not from the first pages in key order', async () => {
      // The door register sorts first and holds more records than this sample: trained on the first
      // pages, the model never sees a phone, a sex or an address, and weighs them at nothing.
      const doorRecords = truth.filter((tl) => tl.source === 'access_control').length;
      const sample = 400;
      expect(manifest.sources.map((s) => s.source).sort()[0]).toBe('access_control');
      expect(doorRecords).toBeGreaterThan(sample);
      await resolvePending(t.store.resolution, { ...options, trainingSample: sample, pageRecords: 100 });
      const latest = await t.store.resolution.latestModel();
      const model = JSON.parse(latest!.model) as { comparisons: { name: string; levels: { u: number }[] }[]; training: { inputs: number } };
      // The sample was drawn from every stored record: a full sample, not trained again next run.
      expect(model.training.inputs).toBe(await t.store.resolution.countRecordRoles());
      const again = await resolvePending(t.store.resolution, { ...options, trainingSample: sample, pageRecords: 100 });
      expect(again.trained).toBe(false);
      expect((await t.store.resolution.latestModel())!.version).toBe(latest!.version);
      // Estimated from pairs that had them: the levels' chances differ, as untrained ones do not.
      for (const name of ['contact', 'sex']) {
        const us = model.comparisons.find((c) => c.name === name)!.levels.map((l) => l.u);
        expect(new Set(us).size, name).toBeGreaterThan(1);
      }
    }, 240_000);
  });
}
