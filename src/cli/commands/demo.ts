// `yima demo`: the one-command tour — makes a synthetic city, initialises the node for it and
// ingests every department file with progress, prints the summary and one account per role, and
// serves the console. Running it again reuses the same city (same seed) and ingests nothing twice.

import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { addUser } from '../../access/accounts.js';
import { hashPassword } from '../../access/passwords.js';
import { regionName } from '../../identity/region.js';
import type { NodeInfo, Store } from '../../store/types.js';
import type { Output } from '../context.js';
import { serveUntilSignal } from './serve.js';
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
  /** Serve the API and console at the end (default true). */
  serve?: boolean;
  port?: number;
  host?: string;
  portChosen?: boolean;
}

/** One account per role, with a fresh random password printed once (demo only). */
async function demoAccounts(store: Store, node: NodeInfo, output: Output): Promise<void> {
  const top = await store.resolution.kysely
    .selectFrom('persons')
    .select(['residence_region', (eb) => eb.fn.countAll<string>().as('n')])
    .where('residence_region', 'is not', null)
    .groupBy('residence_region')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  const gridRegion = top?.residence_region ?? node.region;
  const accounts: { username: string; role: string; department?: string; region?: string }[] = [
    { username: 'admin', role: 'admin' },
    { username: 'auditor', role: 'auditor' },
    { username: 'analyst', role: 'analyst' },
    { username: 'officer', role: 'officer', department: '市公安局' },
    { username: 'grid', role: 'grid_worker', region: gridRegion },
    { username: 'clerk', role: 'clerk' },
  ];
  output.out('\n演示账号（密码只显示这一次）/ demo accounts (passwords are shown this once):');
  for (const a of accounts) {
    const password = `Ym-${randomBytes(12).toString('base64url')}`;
    const existing = await store.access.findUser(a.username);
    if (existing === undefined) await addUser(store, { ...a, password }, node.region, new Date());
    else {
      await store.access.setPassword(a.username, await hashPassword(password), new Date().toISOString());
      await store.access.deleteSessionsOf(a.username);
    }
    const scope = a.department ?? (a.region === undefined ? '' : `${regionName(a.region) ?? ''} ${a.region}`);
    output.out(`  ${a.role.padEnd(12)} ${a.username.padEnd(8)} ${password}${scope === '' ? '' : `   (${scope})`}`);
  }
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
  const existing = await withStore(ctx, (store) => store.findNode(), { create: true });
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
    await demoAccounts(store, node, output);
    if (options.serve !== false) await serveUntilSignal(ctx, store, node, { port: options.port ?? 8080, host: options.host ?? '127.0.0.1', portChosen: options.portChosen ?? false });
  });
}
