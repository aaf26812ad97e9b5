// On the synthetic city the indicators agree with its ground truth (persons.jsonl, counted from
// the rows the generator wrote) within what resolution leaves: a missed merge counts one person
// twice, a hukou that no record gives leaves a person's floating status unknown.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePending } from '../resolve/resolve.js';
import type { CityManifest } from '../synth/index.js';
import { ingestCity, makeCity } from '../test-support/city.js';
import { makeTempDir, type TempDir } from '../test-support/files.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import { readIndicators, refreshIndicators, type IndicatorResult } from './index.js';

interface TruthPerson {
  floating: boolean;
  registered: boolean;
  evidence: string[];
  child: boolean;
  worker: boolean;
  has_contract: boolean;
  work_injury_insured: boolean;
  local_medical_insured: boolean;
  medical_filed: boolean;
  housing_type: string | null;
  school_type: string | null;
  health_record: boolean;
  family_doctor_signed: boolean;
  rows: number;
}

const sqlite = storeFactories.find((f) => f.name === 'sqlite')!;
// The generator's "today": ages and periods are taken there.
const now = new Date('2025-06-30T08:00:00Z');

let dir: TempDir;
let manifest: CityManifest;
let truth: TruthPerson[];
let t: TestStore;
let results: Map<string, IndicatorResult>;

beforeAll(async () => {
  dir = makeTempDir('yima-kpi-city-');
  manifest = await makeCity(dir.path, 2500, 7);
  truth = readFileSync(join(dir.path, manifest.personsFile), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as TruthPerson);
  t = await sqlite.open();
  await ingestCity(t.store, dir.path, manifest);
  await resolvePending(t.store.resolution, { nodeId: 'T', jurisdiction: manifest.region, now: () => now });
  await refreshIndicators(t.store, { region: manifest.region }, now);
  results = new Map((await readIndicators(t.store)).map((r) => [r.id, r]));
}, 240_000);

afterAll(async () => {
  await t.dispose();
  dir.remove();
});

/** The truth's floating population as kpis.md reads it: hukou outside, seen living, working or studying here (registering counts). */
function floating(p: TruthPerson): boolean {
  return p.floating && p.rows > 0 && (p.registered || p.evidence.length > 0);
}

function rate(numerator: (p: TruthPerson) => boolean, denominator: (p: TruthPerson) => boolean): number {
  const pool = truth.filter(denominator);
  return pool.filter(numerator).length / pool.length;
}

describe('indicators on the synthetic city against its ground truth', () => {
  it('missed registration rate within one point', () => {
    const expected = rate((p) => !p.registered, floating);
    expect(expected).toBeGreaterThan(0.05);
    expect(Math.abs(results.get('missed_registration_rate')!.value! - expected)).toBeLessThan(0.01);
  });

  it('the service indicators within two points', () => {
    const worker = (p: TruthPerson): boolean => floating(p) && p.worker;
    const checks: [string, number][] = [
      // The truth's workers are those on insurance, contract and market rolls; ours also count an
      // employer named on any record (grid, legal aid), which the generator fills for workers only.
      ['contract_rate', rate((p) => p.has_contract, worker)],
      ['work_injury_rate', rate((p) => p.work_injury_insured, worker)],
      ['remote_medical_rate', rate((p) => p.medical_filed, (p) => floating(p) && !p.child && !p.local_medical_insured)],
      ['public_school_rate', rate((p) => p.school_type === '公办', (p) => floating(p) && p.child && p.school_type !== null)],
      ['affordable_housing_rate', rate((p) => p.housing_type === '保障性住房', (p) => floating(p) && p.housing_type !== null)],
      ['family_doctor_rate', rate((p) => p.family_doctor_signed, (p) => floating(p) && p.health_record)],
    ];
    for (const [id, expected] of checks) {
      expect({ id, off: Math.abs(results.get(id)!.value! - expected) < 0.02 }).toEqual({ id, off: true });
    }
  });

  it('counts about as many floating persons as the truth holds', () => {
    const truthFloating = truth.filter(floating).length;
    const counted = results.get('missed_registration_rate')!.denominator;
    expect(Math.abs(counted - truthFloating) / truthFloating).toBeLessThan(0.03);
  });
});
