// The labelled hard city the entity-resolution benchmarks share: generated once per seed and size
// under bench/out, with its truth as record key (`source\u0001record_id\u0001role`) → true person.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCity, type CityManifest } from '../../src/synth/index.js';
import { fmt } from '../report.js';

export interface HardCity {
  cityDir: string;
  manifest: CityManifest;
  truthOf: Map<string, string>;
}

export async function openHardCity(root: string, persons: number, seed: number): Promise<HardCity> {
  const cityDir = join(root, 'bench', 'out', `er-city-${seed}-${persons}-hard`);
  if (!existsSync(join(cityDir, 'manifest.json'))) {
    console.log(`generating a hard city of ${fmt(persons)} persons in ${cityDir}`);
    await generateCity({ seed, persons, outDir: cityDir, hardness: 'hard' });
  }
  const manifest = JSON.parse(readFileSync(join(cityDir, 'manifest.json'), 'utf8')) as CityManifest;
  const truthOf = new Map<string, string>();
  for (const line of readFileSync(join(cityDir, manifest.truthFile), 'utf8').split('\n')) {
    if (line === '') continue;
    const t = JSON.parse(line) as { source: string; record_id: string; role: string; person: string };
    truthOf.set(`${t.source}\u0001${t.record_id}\u0001${t.role}`, t.person);
  }
  return { cityDir, manifest, truthOf };
}
