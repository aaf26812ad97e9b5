// Entity-resolution quality on the Febrl benchmark files: datasets 1, 2, 3 deduplicated, and 4a +
// 4b linked as two sources (4b arrives as a second batch). Each is scored against the rec-<n>
// truth beside the exact-id baseline (records linked only when soc_sec_id is equal), in one run.
//
//   npm run build && node dist/bench/er/febrl.js --dir <febrl dir> [--errors 10] [--docs]
//   (or set YIMA_FEBRL_DIR)

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt, machineLine, table, writeSection } from '../report.js';
import { evaluate, type Evaluation, type LabelledRecord } from './evaluate.js';
import { readFebrl, type FebrlRecord } from './febrl-data.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function labelled(records: FebrlRecord[]): LabelledRecord[] {
  return records.map((r) => {
    const p = r.input.person;
    return { input: r.input, entity: r.entity, label: `${r.recId} [${p.name ?? ''} | ${p.birthDate ?? ''} | ${r.ssn} | ${p.residenceDetail ?? ''}]` };
  });
}

const p4 = (x: number): string => x.toFixed(4);

function printEvaluation(name: string, e: Evaluation): void {
  const { engine, baseline } = e;
  console.log(`\n== ${name}: ${fmt(e.records)} records, blocking recall ${p4(e.blockingRecall)}, ${fmt(e.comparisons)} comparisons`);
  console.log(`   engine    P ${p4(engine.pairwise.precision)} R ${p4(engine.pairwise.recall)} F1 ${p4(engine.pairwise.f1)} | B3 P ${p4(engine.bcubed.precision)} R ${p4(engine.bcubed.recall)} F1 ${p4(engine.bcubed.f1)}`);
  console.log(`   baseline  P ${p4(baseline.pairwise.precision)} R ${p4(baseline.pairwise.recall)} F1 ${p4(baseline.pairwise.f1)} | B3 P ${p4(baseline.bcubed.precision)} R ${p4(baseline.bcubed.recall)} F1 ${p4(baseline.bcubed.f1)}`);
  console.log(`   train ${fmt(e.trainSeconds, 2)} s, resolve ${fmt(e.resolveSeconds, 2)} s = ${fmt(e.records / e.resolveSeconds)} records/s`);
  if (e.falsePositives.length > 0) console.log(`   false links:\n     ${e.falsePositives.join('\n     ')}`);
  if (e.falseNegatives.length > 0) console.log(`   missed links:\n     ${e.falseNegatives.join('\n     ')}`);
}

function main(): void {
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, errors: { type: 'string', default: '10' }, docs: { type: 'boolean', default: false } },
  });
  const dir = values.dir ?? process.env.YIMA_FEBRL_DIR;
  if (dir === undefined || !existsSync(join(dir, 'dataset1.csv'))) {
    console.error('Febrl files not found: pass --dir DIR or set YIMA_FEBRL_DIR (dataset1.csv ... dataset4b.csv)');
    process.exitCode = 2;
    return;
  }
  const limit = Number(values.errors);
  const ssn = (r: LabelledRecord): string => r.input.person.idNumber ?? '';
  const runs: [string, LabelledRecord[][]][] = [
    ['Febrl 1 (dedupe)', [labelled(readFebrl(join(dir, 'dataset1.csv'), 'febrl1'))]],
    ['Febrl 2 (dedupe)', [labelled(readFebrl(join(dir, 'dataset2.csv'), 'febrl2'))]],
    ['Febrl 3 (dedupe)', [labelled(readFebrl(join(dir, 'dataset3.csv'), 'febrl3'))]],
    ['Febrl 4 (4a + 4b, two sources)', [labelled(readFebrl(join(dir, 'dataset4a.csv'), 'febrl4a')), labelled(readFebrl(join(dir, 'dataset4b.csv'), 'febrl4b'))]],
  ];
  const rows: (string | number)[][] = [];
  for (const [name, batches] of runs) {
    const e = evaluate(batches, ssn, limit);
    printEvaluation(name, e);
    const s = (x: { precision: number; recall: number; f1: number }): string => `${p4(x.precision)} / ${p4(x.recall)} / **${p4(x.f1)}**`;
    rows.push([name, fmt(e.records), s(e.engine.pairwise), s(e.engine.bcubed), p4(e.blockingRecall), s(e.baseline.pairwise), fmt(e.records / e.resolveSeconds)]);
  }
  if (values.docs) {
    const header = ['dataset', 'records', 'engine pairwise P / R / F1', 'engine B-cubed P / R / F1', 'blocking recall', 'baseline (equal soc_sec_id) pairwise P / R / F1', 'records/s (resolve)'];
    writeSection(root, 'er-febrl', `## Entity resolution: Febrl\n\n${machineLine()}\n\n${table(header, rows)}\n`);
  }
}

main();
