// The incremental batch of the entity-resolution benchmarks: the last 1,000 rows of one source are
// held out of the load and added afterwards (ingest + resolve), as a department's next delivery.
// The 1,000 rows before them are a warm-up delivery: `batch.ts` can hold them out as well and add
// them first, in the same process, so the measured batch meets a process that has served one
// already (its code compiled, dictionaries and model loaded, the store's cache in use).

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvLine } from '../../src/export/csv-writer.js';
import { openRows } from '../../src/ingest/readers/index.js';
import type { CityManifest } from '../../src/synth/index.js';

export const heldOutSource = 'hrss_contract';
export const heldOutRows = 1000;
export const warmupRows = 1000;

export interface HeldOut {
  /** The source's file without its last rows and the warm-up rows (what the load ingests). */
  main: string;
  /** The 1,000 rows before the last, with the header. */
  warmup: string;
  /** Its last rows, with the header. */
  batch: string;
  /** The source's mapping file. */
  mapping: string;
}

/** Splits the held-out source once per city: the load, the warm-up rows and the batch (its last 1,000 rows). */
export async function splitHeldOut(cityDir: string, manifest: CityManifest): Promise<HeldOut> {
  const source = manifest.sources.find((s) => s.source === heldOutSource);
  if (source === undefined) throw new Error(`no ${heldOutSource} in the city`);
  const main = join(cityDir, 'held-main.csv');
  const warmup = join(cityDir, 'held-warmup.csv');
  const batch = join(cityDir, 'held-batch.csv');
  const mapping = resolve(cityDir, source.mapping);
  if (existsSync(main) && existsSync(warmup) && existsSync(batch)) return { main, warmup, batch, mapping };
  const rows = await openRows(resolve(cityDir, source.file));
  const all: string[][] = [];
  for await (const r of rows.rows) if (r.kind === 'row') all.push(rows.header.map((h) => r.cells[h] ?? ''));
  const cut = all.length - heldOutRows;
  const warm = cut - warmupRows;
  const write = (file: string, part: string[][]): void => writeFileSync(file, [csvLine(rows.header), ...part.map(csvLine)].join(''));
  write(main, all.slice(0, warm));
  write(warmup, all.slice(warm, cut));
  write(batch, all.slice(cut));
  return { main, warmup, batch, mapping };
}

/**
 * The files of a load: every source's, the held-out one without its batch (and, with
 * `holdWarmup`, without the warm-up rows either).
 */
export function loadFiles(cityDir: string, manifest: CityManifest, held: HeldOut, holdWarmup = false): { mapping: string; file: string }[] {
  return manifest.sources.flatMap((s) => {
    const mapping = resolve(cityDir, s.mapping);
    if (s.source !== heldOutSource) return [{ mapping, file: resolve(cityDir, s.file) }];
    return holdWarmup ? [{ mapping, file: held.main }] : [{ mapping, file: held.main }, { mapping, file: held.warmup }];
  });
}
