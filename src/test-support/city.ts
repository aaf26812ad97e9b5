// A small synthetic city ingested into a store, with its ground truth, for tests that need
// realistic data (resolution, indicators, exports).

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestFiles } from '../ingest/pipeline.js';
import { loadMapping } from '../ingest/load-mapping.js';
import type { Store } from '../store/types.js';
import { generateCity, type CityManifest } from '../synth/index.js';

export interface TruthLink {
  source: string;
  record_id: string;
  role: string;
  person: string;
}

export async function makeCity(dir: string, persons: number, seed = 11): Promise<CityManifest> {
  return generateCity({ seed, persons, outDir: dir, hardness: 'hard' });
}

export async function ingestCity(store: Store, dir: string, manifest: CityManifest, only?: (source: string) => boolean, at = '2025-06-30T00:00:00Z'): Promise<void> {
  if ((await store.findNode()) === undefined) {
    await store.initNode({ nodeId: 'test', region: manifest.region, name: 'test city', createdAt: '2025-06-30T00:00:00Z' });
  }
  for (const s of manifest.sources) {
    if (only !== undefined && !only(s.source)) continue;
    await ingestFiles(store, await loadMapping(resolve(dir, s.mapping)), [resolve(dir, s.file)], { now: () => new Date(at) });
  }
}

export function readTruth(dir: string, manifest: CityManifest): TruthLink[] {
  return readFileSync(join(dir, manifest.truthFile), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as TruthLink);
}
