// `yima ingest --mapping FILE INPUT...`: reads, normalises, quarantines and stores department files.

import { ingestFiles, type FileSummary } from '../../ingest/pipeline.js';
import { loadMapping } from '../../ingest/load-mapping.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { createProgress, formatCount } from '../progress.js';
import { runResolveStep } from '../resolve-step.js';

export async function runIngest(ctx: CommandContext, mappingPath: string, inputs: readonly string[], resolve = true): Promise<FileSummary[]> {
  if (inputs.length === 0) throw new AppError('bad_request', '请给出要导入的文件', 'name at least one input file');
  const loaded = await loadMapping(mappingPath);
  return withStore(ctx, async (store) => {
    const node = await requireNode(store);
    ctx.output.out(`导入数据源 ${loaded.mapping.source}（${loaded.mapping.kind}）/ ingesting source ${loaded.mapping.source}`);
    const summaries = await ingestFiles(store, loaded, inputs, { progress: createProgress(ctx.output) });
    const total = summaries.reduce((acc, s) => ({ read: acc.read + s.rowsRead, accepted: acc.accepted + s.accepted, quarantined: acc.quarantined + s.quarantined }), { read: 0, accepted: 0, quarantined: 0 });
    ctx.output.out(`合计 total: 读取 read ${formatCount(total.read)} = 接收 accepted ${formatCount(total.accepted)} + 隔离 quarantined ${formatCount(total.quarantined)}`);
    if (resolve) await runResolveStep(store, node, ctx.output);
    return summaries;
  });
}
