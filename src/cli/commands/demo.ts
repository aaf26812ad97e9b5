// `yima demo`: the one-command tour — makes a synthetic city, initialises the node for it and
// ingests every department file with progress, then prints the summary. Running it again reuses
// the same city (same seed) and ingests nothing twice.

import { join, resolve } from 'node:path';
import { generateCity } from '../../synth/index.js';
import { ingestFiles } from '../../ingest/pipeline.js';
import { loadMapping } from '../../ingest/load-mapping.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { runInit } from './init.js';
import { createProgress, formatCount } from '../progress.js';
import { runResolveStep } from '../resolve-step.js';

export interface DemoOptions {
  persons: number;
  seed: number;
  out?: string | undefined;
  region?: string;
}

export async function runDemo(ctx: CommandContext, options: DemoOptions): Promise<void> {
  const region = options.region ?? '440300';
  const cityDir = resolve(options.out ?? join(ctx.dataDir, `demo-city-${options.seed}-${options.persons}`));
  const { output } = ctx;
  output.out(`生成合成城市（${formatCount(options.persons)} 人，种子 ${options.seed}）/ generating a synthetic city of ${formatCount(options.persons)} persons`);
  let lastShown = 0;
  const manifest = await generateCity({
    seed: options.seed,
    persons: options.persons,
    region,
    outDir: cityDir,
    onProgress(done, total) {
      const pct = Math.floor((100 * done) / Math.max(total, 1));
      if (pct >= lastShown + 25 || done === total) {
        lastShown = pct;
        output.out(`  ${pct}%`);
      }
    },
  });
  output.out(`  ${manifest.sources.length} 个部门文件 department files in ${cityDir}`);
  const existing = await withStore(ctx, (store) => store.findNode());
  if (existing === undefined) await runInit(ctx, { region, name: '演示城市 demo city' });
  else if (existing.region !== region) {
    throw new AppError('conflict', `数据目录 ${ctx.dataDir} 属于另一节点（${existing.region}）：请用 --data 指定新目录`, `data directory ${ctx.dataDir} belongs to another node (${existing.region}): choose another with --data`);
  }
  await withStore(ctx, async (store) => {
    const node = await requireNode(store);
    let read = 0;
    let accepted = 0;
    let quarantined = 0;
    for (const source of manifest.sources) {
      const loaded = await loadMapping(resolve(cityDir, source.mapping));
      output.out(`导入 ingest ${source.source}（${source.kind}，${source.format}，${source.encoding}）`);
      const summaries = await ingestFiles(store, loaded, [resolve(cityDir, source.file)], { progress: createProgress(output) });
      for (const s of summaries) {
        read += s.rowsRead;
        accepted += s.accepted;
        quarantined += s.quarantined;
      }
    }
    output.out(`\n导入完成 ingest done: 读取 read ${formatCount(read)} = 接收 accepted ${formatCount(accepted)} + 隔离 quarantined ${formatCount(quarantined)}`);
    await runResolveStep(store, node, output);
    output.out(`下一步 next: npx yima sources --data ${ctx.dataDir}  ·  npx yima export persons --data ${ctx.dataDir} --out persons.xlsx  ·  npx yima audit verify --data ${ctx.dataDir}`);
  });
}
