// The incremental batch of the entity-resolution benchmarks: the last 1,000 rows of one source are
// held out of the load and added afterwards (ingest + resolve), as a department's next delivery.

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { csvLine } from '../../src/export/csv-writer.js';
import { openRows } from '../../src/ingest/readers/index.js';
import type { CityManifest } from '../../src/synth/index.js';

export const heldOutSource = 'hrss_contract';
export const heldOutRows = 1000;

export interface HeldOut {
  /** The source's file without its last rows (what the load ingests). */
  main: string;
  /** Its last rows, with the header. */
  batch: string;
  /** The source's mapping file. */
  mapping: string;
}

/** Splits the held-out source once per city: all but its last 1,000 rows for the load, those for the batch. */
export async function splitHeldOut(cityDir: string, manifest: CityManifest): Promise<HeldOut> {
  const source = manifest.sources.find((s) => s.source === heldOutSource);
  if (source === undefined) throw new Error(`no ${heldOutSource} in the city`);
  const main = join(cityDir, 'heldout-main.csv');
  const batch = join(cityDir, 'heldout-batch.csv');
  const mapping = resolve(cityDir, source.mapping);
  if (existsSync(main) && existsSync(batch)) return { main, batch, mapping };
  const rows = await openRows(resolve(cityDir, source.file));
  const all: string[][] = [];
  for await (const r of rows.rows) if (r.kind === 'row') all.push(rows.header.map((h) => r.cells[h] ?? ''));
  const cut = all.length - heldOutRows;
  writeFileSync(main, [csvLine(rows.header), ...all.slice(0, cut).map(csvLine)].join(''));
  writeFileSync(batch, [csvLine(rows.header), ...all.slice(cut).map(csvLine)].join(''));
  return { main, batch, mapping };
}

/** The files of a load: every source's, the held-out one without its batch. */
export function loadFiles(cityDir: string, manifest: CityManifest, held: HeldOut): { mapping: string; file: string }[] {
  return manifest.sources.map((s) => ({ mapping: resolve(cityDir, s.mapping), file: s.source === heldOutSource ? held.main : resolve(cityDir, s.file) }));
}
