// generateCity: writes a whole synthetic city — every department's file with its mapping, the
// ground truth and a manifest — household by household, streaming, from one seed.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors.js';
import { isoDay, cityToday } from './dates.js';
import { PopulationBuilder } from './households.js';
import type { Person } from './people.js';
import { planHousehold } from './plan.js';
import { deriveSeed, Rng } from './random.js';
import { districtRates, type Hardness, hardCaseRates, populationRates } from './rates.js';
import { assertRegion } from './regions.js';
import { fileName, mappingOf, type SourceDef } from './source.js';
import { SourceRun } from './source-run.js';
import { allSources } from './sources/index.js';
import { type Seen, TruthWriter } from './truth.js';
import { CsvWriter, JsonlWriter, type TableWriter, XlsxWriter } from './writers.js';

export interface CityOptions {
  seed: number;
  persons: number;
  /** GB/T 2260 code of the node's jurisdiction; default 440300 (深圳市). */
  region?: string;
  /** Error rates: easy ×0.3, normal ×1, hard ×2.5 (hard cases ×0.5 / ×1 / ×2). */
  hardness?: Hardness;
  outDir: string;
  onProgress?: (done: number, total: number) => void;
}

export interface CityManifestSource {
  source: string;
  kind: string;
  department: string;
  file: string;
  mapping: string;
  rows: number;
  format: string;
  encoding: string;
}

export interface CityManifest {
  region: string;
  persons: number;
  seed: number;
  hardness: Hardness;
  /** The city's "today": no event is later. */
  today: string;
  sources: CityManifestSource[];
  /** Source rows written, all files together. */
  totalRows: number;
  /** One line per (source, record_id, role): the true person and the deliberate changes. */
  truthFile: string;
  /** One line per person: the facts the indicators and the unregistered list are scored on. */
  personsFile: string;
  rates: { population: typeof populationRates; hardCases: typeof hardCaseRates };
}

function openWriter(def: SourceDef, path: string): TableWriter {
  if (def.format === 'xlsx') return new XlsxWriter(path, def.sheet ?? 'Sheet1', def.columns);
  if (def.format === 'jsonl') return new JsonlWriter(path, def.columns);
  return new CsvWriter(path, def.columns, def.encoding, def.eol ?? '\n', def.bom ?? false);
}

function checkOptions(options: CityOptions): void {
  if (!Number.isSafeInteger(options.seed)) {
    throw new AppError('bad_request', '种子必须是整数', 'seed must be an integer');
  }
  if (!Number.isSafeInteger(options.persons) || options.persons < 1) {
    throw new AppError('bad_request', '人数必须是正整数', 'persons must be a positive integer');
  }
  assertRegion(options.region ?? '440300');
}

export async function generateCity(options: CityOptions): Promise<CityManifest> {
  checkOptions(options);
  const region = options.region ?? '440300';
  const hardness = options.hardness ?? 'normal';
  const { seed, persons, outDir } = options;
  await mkdir(join(outDir, 'mappings'), { recursive: true });

  const rng = new Rng(deriveSeed(seed, 1));
  const builder = new PopulationBuilder(seed, region, persons, hardness);
  const truth = new TruthWriter(join(outDir, 'truth.jsonl'), join(outDir, 'persons.jsonl'));
  const runs = allSources.map((def) => new SourceRun(def, openWriter(def, join(outDir, fileName(def))), rng, truth, hardness));

  let done = 0;
  while (done < persons) {
    const household = builder.next(rng, persons - done);
    const rates = districtRates(builder.countyIndex(household.home.county), household.floating);
    const plans = planHousehold(rng, household, rates, populationRates.unregisteredShare);
    const seen = new Map<Person, Seen>();
    for (const run of runs) {
      run.household = household;
      run.plans = plans;
      run.seen = seen;
      run.def.emit(run);
    }
    truth.household(household, plans, seen);
    done += household.members.length;
    if (household.index % 128 === 0) {
      for (const run of runs) await run.writer.drain();
      await truth.drain();
      options.onProgress?.(done, persons);
    }
  }
  for (const run of runs) await run.writer.close();
  await truth.close();
  options.onProgress?.(done, persons);

  const sources: CityManifestSource[] = [];
  for (const run of runs) {
    const mapping = `mappings/${run.def.source}.json`;
    await writeFile(join(outDir, mapping), JSON.stringify(mappingOf(run.def), null, 2) + '\n');
    const { source, kind, department, format, encoding } = run.def;
    sources.push({ source, kind, department, file: fileName(run.def), mapping, rows: run.rows, format, encoding });
  }
  const manifest: CityManifest = {
    region, persons: done, seed, hardness, today: isoDay(cityToday), sources,
    totalRows: sources.reduce((sum, s) => sum + s.rows, 0),
    truthFile: 'truth.jsonl', personsFile: 'persons.jsonl',
    rates: { population: populationRates, hardCases: hardCaseRates },
  };
  await writeFile(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}
