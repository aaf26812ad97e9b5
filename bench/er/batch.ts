// Where a 1,000-record batch goes (issue 3's bar: < 1 s on a 1M-person store). A resolved store of
// the synthetic city is built once and kept (bench/out, a 1M-person store is ~14 GB and ~25 min);
// each run copies it, then a fresh process, as `yima ingest` is, ingests and resolves the held-out
// batch while the resolution store's reads and writes are timed. The baseline, in the same run:
// the same batch into a store holding nothing but the same model: what the batch costs by itself.
//
//   npm run build && node dist/bench/er/batch.js --persons 1000000 [--runs 3]

import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeKey, findNodeKey } from '../../src/audit/node-key.js';
import { nodeFlags } from '../../src/cli/node-flags.js';
import { ingestFiles } from '../../src/ingest/pipeline.js';
import { loadMapping } from '../../src/ingest/load-mapping.js';
import { refreshIndicators } from '../../src/indicators/compute.js';
import { resolvePending } from '../../src/resolve/resolve.js';
import { servingSqlite } from '../../src/store/open.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { generateCity, type CityManifest } from '../../src/synth/index.js';
import { fmt, machineLine, table, writeSection } from '../report.js';
import { loadFiles, splitHeldOut } from './held-out.js';
import { probeKeyFamilies, type FamilyProbe } from './key-families.js';
import { scoreLinks, type LinkTruth } from './link-truth.js';
import { scoreMerges, type MergeTruth } from './merge-truth.js';
import { timeMethods, type MethodTimes } from './method-times.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface BatchRun {
  what: 'store' | 'empty';
  /** The batch came after a warm-up delivery in the same process. */
  warm: boolean;
  /** The store's file was read whole before the run (in the page cache, as a busy node's is). */
  cached?: boolean;
  /** The store was opened as `yima serve` opens it (memory map, larger page cache, checkpoints on a thread): an upload's batch. */
  serving?: boolean;
  ingestSeconds: number;
  resolveSeconds: number;
  /** The indicator refresh `yima ingest` runs after resolving (after the truth scoring, untimed there). */
  refresh: { seconds: number; mode: 'full' | 'incremental'; counted: number };
  comparisons: number;
  merges: number;
  /** The batch's merges against the city's truth (scored after the run, untimed). */
  mergeTruth: MergeTruth;
  /** The run's links against the city's truth (scored after the run, untimed). */
  linkTruth: LinkTruth;
  /** Milliseconds and calls per resolution-store method (nested calls counted in their callers too). */
  store: MethodTimes;
}

function cityOf(persons: number): { cityDir: string; manifest: CityManifest } {
  const cityDir = join(root, 'bench', 'out', `city-7-${persons}`);
  return { cityDir, manifest: JSON.parse(readFileSync(join(cityDir, 'manifest.json'), 'utf8')) as CityManifest };
}

/** Child: ingests the load and resolves it into `dir` (kept). */
async function build(persons: number, dir: string): Promise<void> {
  const { cityDir, manifest } = cityOf(persons);
  const store = SqliteStore.open(join(dir, 'yima.db'), { signer: createNodeKey(dir, 'yima.bench') });
  try {
    await store.migrate();
    await store.initNode({ nodeId: 'B', region: manifest.region, name: 'bench', createdAt: new Date().toISOString() });
    for (const { mapping, file } of loadFiles(cityDir, manifest, await splitHeldOut(cityDir, manifest), true)) await ingestFiles(store, await loadMapping(mapping), [file]);
    await resolvePending(store.resolution, { nodeId: 'B', jurisdiction: manifest.region });
  } finally {
    await store.close();
  }
}

/**
 * Child: the batch, into the store in `dir` (a copy) or, with `empty`, into a new store there that
 * holds only the resolved store's model (so neither trains one). With `warm`, the warm-up delivery
 * is ingested and resolved first in the same process, untimed: the batch then meets a process that
 * has served one (a serving node's uploads, a scheduled job that stays up), not a cold start.
 */
async function batch(persons: number, dir: string, empty: boolean, warm: boolean, built: string, families = false, profile?: string, serving = false): Promise<BatchRun & { families?: FamilyProbe }> {
  const { cityDir, manifest } = cityOf(persons);
  const held = await splitHeldOut(cityDir, manifest);
  const store = SqliteStore.open(join(dir, 'yima.db'), { signer: empty ? createNodeKey(dir, 'yima.bench') : findNodeKey(dir), ...(serving ? servingSqlite : {}) });
  try {
    if (empty) {
      await store.migrate();
      await store.initNode({ nodeId: 'B', region: manifest.region, name: 'bench', createdAt: new Date().toISOString() });
      const source = SqliteStore.open(join(built, 'yima.db'), { readOnly: true });
      try {
        const model = await source.resolution.latestModel();
        if (model === undefined) throw new Error(`no model in ${built}`);
        await store.resolution.saveModel(model.version, model.model, new Date().toISOString());
      } finally {
        await source.close();
      }
    }
    const mapping = await loadMapping(held.mapping);
    if (warm) {
      await ingestFiles(store, mapping, [held.warmup]);
      await resolvePending(store.resolution, { nodeId: 'B', jurisdiction: manifest.region });
      await refreshIndicators(store, { region: manifest.region }, new Date());
    }
    const times = timeMethods(store.resolution);
    const probe = families ? probeKeyFamilies(store.resolution) : undefined;
    // `--profile FILE` (a child run by hand): a CPU profile of the timed part alone.
    const profiler = profile === undefined ? undefined : await startProfile();
    let started = performance.now();
    await ingestFiles(store, mapping, [held.batch]);
    const ingestSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const at = new Date();
    const summary = await resolvePending(store.resolution, { nodeId: 'B', jurisdiction: manifest.region, now: () => at });
    const resolveSeconds = (performance.now() - started) / 1000;
    // Before the scoring below, which reads through the same store.
    const storeTimes = structuredClone(times);
    if (profiler !== undefined && profile !== undefined) writeFileSync(profile, JSON.stringify(await profiler()));
    const mergeTruth = await scoreMerges(store.resolution, at.toISOString(), cityDir, manifest);
    const linkTruth = await scoreLinks(store.resolution, at.toISOString(), cityDir, manifest);
    // The indicators, as `yima ingest` refreshes them after resolving: timed apart from the bar's figure.
    started = performance.now();
    const kpis = await refreshIndicators(store, { region: manifest.region }, at);
    const refresh = { seconds: (performance.now() - started) / 1000, mode: kpis.mode, counted: kpis.counted };
    return { what: empty ? 'empty' : 'store', warm, serving, ingestSeconds, resolveSeconds, refresh, comparisons: summary.comparisons, merges: summary.merges, mergeTruth, linkTruth, store: storeTimes, ...(probe === undefined ? {} : { families: probe }) };
  } finally {
    await store.close();
  }
}

/** Starts the V8 CPU profiler in this process; the returned function stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string): Promise<unknown> => new Promise((done, fail) => session.post(method, (error, result) => (error === null ? done(result) : fail(error))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    session.disconnect();
    return profile;
  };
}

function spawnChild(args: readonly string[]): string {
  return execFileSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Reads a file to its end (so the kernel holds it in its page cache, memory permitting). */
function readWhole(file: string): void {
  const buffer = Buffer.alloc(8 << 20);
  const fd = openSync(file, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

/** A method's time less the timed calls it made (method-times.ts). */
const ms = (run: BatchRun, method: string): number => run.store[method]?.self ?? 0;

function row(run: BatchRun): string[] {
  const views = ms(run, 'recordsOfPersons');
  const links = ms(run, 'personsOfRecords');
  const keys = ms(run, 'findKnown');
  const golden = ms(run, 'rebuildGoldenPage');
  const write = ms(run, 'writeResolution');
  const namesakes = ms(run, 'storedNamesakes');
  const engine = run.resolveSeconds * 1000 - keys - links - views - namesakes - golden - write;
  return [
    `${run.what === 'empty' ? 'baseline: the batch into an empty store' : 'the batch into the resolved store'}, ${run.warm ? 'after a warm-up batch' : 'fresh process'}${run.cached === true ? ', store file in the page cache' : ''}${run.serving === true ? ', opened as `yima serve` opens it' : ''}`,
    fmt(run.ingestSeconds + run.resolveSeconds, 2),
    fmt(run.ingestSeconds * 1000),
    fmt(keys),
    fmt(links),
    fmt(views),
    fmt(namesakes),
    fmt(golden),
    fmt(write),
    fmt(engine),
    fmt(run.comparisons),
    fmt(run.merges),
    fmt(run.mergeTruth.wrong),
    `${fmt(run.linkTruth.right)} / ${fmt(run.linkTruth.wrong)} / ${fmt(run.linkTruth.missed)}`,
    `${fmt(run.refresh.seconds, 2)} (${run.refresh.mode}, ${fmt(run.refresh.counted)} persons)`,
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { persons: { type: 'string', default: '308000' }, runs: { type: 'string', default: '3' }, child: { type: 'string' }, warm: { type: 'boolean', default: false }, serving: { type: 'boolean', default: false }, families: { type: 'boolean', default: false }, profile: { type: 'string' }, dir: { type: 'string' }, built: { type: 'string' } } });
  const persons = Number(values.persons);
  if (values.child !== undefined) {
    const dir = values.dir ?? '';
    if (values.child === 'build') await build(persons, dir);
    else process.stdout.write(JSON.stringify(await batch(persons, dir, values.child === 'empty', values.warm, values.built ?? '', values.families, values.profile, values.serving)));
    return;
  }
  const cityDir = join(root, 'bench', 'out', `city-7-${persons}`);
  if (!existsSync(join(cityDir, 'manifest.json'))) await generateCity({ seed: 7, persons, outDir: cityDir, hardness: 'hard' });
  const built = join(root, 'bench', 'out', `er-store-${persons}`);
  if (!existsSync(join(built, 'done'))) {
    rmSync(built, { recursive: true, force: true });
    console.log(`building a resolved store of ${fmt(persons)} persons in ${built} (kept for later runs)`);
    spawnChild(['--child', 'build', '--persons', String(persons), '--dir', built]);
    writeFileSync(join(built, 'done'), new Date().toISOString());
  }
  // The kept store takes the schema of the code under test (a migration runs once, untimed).
  const kept = SqliteStore.open(join(built, 'yima.db'));
  try {
    await kept.migrate();
  } finally {
    await kept.close();
  }
  // `--runs 0` only builds (or checks) the kept store.
  if (Number(values.runs) === 0) return;
  const runs: BatchRun[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    for (const [what, warm, cached, serving] of [['empty', false, false, false], ['store', false, false, false], ['empty', true, false, false], ['store', true, false, false], ['store', true, true, false], ['store', true, true, true]] as const) {
      const dir = mkdtempSync(join(what === 'store' ? join(root, 'bench', 'out') : tmpdir(), 'er-batch-'));
      try {
        // Neither the copy nor the read is timed.
        if (what === 'store') cpSync(built, dir, { recursive: true });
        if (cached) readWhole(join(dir, 'yima.db'));
        const run = { ...(JSON.parse(spawnChild(['--child', what, ...(warm ? ['--warm'] : []), ...(serving ? ['--serving'] : []), '--persons', String(persons), '--dir', dir, '--built', built])) as BatchRun), cached };
        console.log(row(run).join('  '));
        runs.push(run);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  // Which key families bring the candidates: one more run, untimed (the probe doubles the lookups).
  const dir = mkdtempSync(join(root, 'bench', 'out', 'er-batch-'));
  let probe: FamilyProbe;
  try {
    cpSync(built, dir, { recursive: true });
    const run = JSON.parse(spawnChild(['--child', 'store', '--warm', '--families', '--persons', String(persons), '--dir', dir, '--built', built])) as { families: FamilyProbe };
    probe = run.families;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const familyRows = [...probe.counts].sort((a, b) => b.persons - a.persons).map((c) => [c.family, fmt(c.keys), fmt(c.records), fmt(c.persons), fmt(c.only)]);
  writeSection(
    root,
    'er-batch',
    `## Where a 1,000-record batch goes (issue 3)\n\nMachine: ${machineLine()}. A resolved store of the synthetic city (seed 7, hard, ${fmt(persons)} persons, SQLite), built once and copied for each run; the held-out 1,000 rows of the batch (bench/er/held-out.ts) ingested and resolved in a fresh process, as \`yima ingest\` does, and in a process that has just ingested and resolved the 1,000 rows before them (a serving node's uploads, a job that stays up: code compiled, dictionaries and model loaded; the store's pages the batch needs are not the warm-up's), and that again with the copied store's file read whole first, so that it is in the kernel's page cache (a node that has been serving; the 1M store is ~14 GB of the machine's 24 GiB), and that once more with the store opened as \`yima serve\` opens it (\`servingSqlite\` in src/store/open.ts: ${servingSqlite.mmapMiB / 1024} GiB of the file mapped into memory, a ${servingSqlite.cacheMiB} MiB page cache, WAL checkpoints on a thread of their own; an upload to a serving node is resolved in that process); beside the first two, the same batch into an empty store holding the same model. Milliseconds, each store method's own time less the timed calls it makes; keys = the blocking-key lookups, links = the persons of the records found, views = those persons' records read and decoded, namesakes = the persons of the store written with the batch's names (what the engine counts namesakes by), golden = the golden rebuild of the persons touched, write = the links and keys written, engine = the rest of the resolution (features, comparisons, clustering, the run's bookkeeping); linked pairs = for each record the run linked, the other records of its person of the same true person (right) and of another (wrong), and the stored records of its true person its person does not hold (missed). Bar: < 1 s on a 1M-person store. The last column is the indicator refresh \`yima ingest\` runs after resolving, timed apart: carried on from the tally the kept store saved (bench/kpis-refresh.ts) where it can, counting only the persons the batch changed (and, after a warm-up, refreshed after it too).\n\n${table(['run', 'total s', 'ingest', 'keys', 'links', 'views', 'namesakes', 'golden', 'write', 'engine', 'comparisons', 'merges', 'of them wrong (truth)', 'linked pairs right / wrong / missed (truth)', 'then the indicator refresh, s'], runs.map(row))}\n\nWhat each blocking-key family finds for the batch (one more run, the lookups repeated family by family, untimed; the wide families, surname, given name and id region with a birth date, are asked only for the records the others found nothing to link outright): ${fmt(probe.persons)} persons in all, before the name-only family's are narrowed to the door events still waiting that a record of the batch could take in.\n\n${table(['key family', 'probe keys', 'records found', 'persons found', 'persons no other family finds'], familyRows)}\n\nReproduce: \`npm run build && node dist/bench/er/batch.js --persons ${persons} --runs ${values.runs}\`.`,
  );
}

await main();
