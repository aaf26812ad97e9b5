// `yima resolve`, `yima model train`, `yima review list`, `yima review decide A B --same|--not-same`:
// entity resolution by hand — re-run what is pending, retrain the model from the data, and let a
// reviewer settle the pairs the model was unsure of.

import { parseModel } from '../../matching/index.js';
import { defaultTrainingSample, trainOnSample } from '../../resolve/training-sample.js';
import { applyDecision } from '../../resolve/review.js';
import { AppError } from '../../errors.js';
import type { CommandContext } from '../context.js';
import { requireNode, withStore } from '../context.js';
import { formatCount } from '../progress.js';
import { runResolveStep } from '../resolve-step.js';

export async function runResolve(ctx: CommandContext): Promise<void> {
  await withStore(ctx, async (store) => {
    const node = await requireNode(store);
    await runResolveStep(store, node, ctx.output);
  });
}

/** Retrains the model from a uniform sample of every stored record and saves it as the next version. */
export async function runTrain(ctx: CommandContext): Promise<void> {
  await withStore(ctx, async (store) => {
    await requireNode(store);
    const rs = store.resolution;
    // A uniform sample of every source (training-sample.ts), not the first records in key order.
    const stored = await rs.countRecordRoles();
    if (stored === 0) throw new AppError('conflict', '没有可训练的记录：请先导入', 'no records to train on: ingest first');
    // Drawn from every stored record: a full sample, not trained again by the next resolution.
    const { model, sampled } = await trainOnSample(rs, defaultTrainingSample, stored);
    parseModel(JSON.parse(JSON.stringify(model)));
    const version = ((await rs.latestModel())?.version ?? 0) + 1;
    await rs.saveModel(version, JSON.stringify(model), new Date().toISOString());
    ctx.output.out(`已训练模型 v${version}（${formatCount(sampled)} 条记录）/ trained model v${version} on ${formatCount(sampled)} records; 新模型用于之后的匹配 / used from the next resolution on`);
  });
}

export async function runReviewList(ctx: CommandContext, limit: number): Promise<void> {
  await withStore(ctx, async (store) => {
    await requireNode(store);
    const reviews = await store.resolution.openReviews(limit);
    if (reviews.length === 0) {
      ctx.output.out('没有待复核的记录对 / no open review pairs');
      return;
    }
    for (const r of reviews) {
      const show = (key: string) => key.split('\u0001').join('/');
      ctx.output.out(`${(r.probability * 100).toFixed(1)}%  ${show(r.a)}  ${show(r.b)}  ${r.levels}`);
    }
    ctx.output.out(`用 yima review decide A B --same 或 --not-same 决定（A、B 形如 source/record_id/role）/ decide with yima review decide A B --same|--not-same`);
  });
}

export async function runReviewDecide(ctx: CommandContext, a: string, b: string, same: boolean, reviewer: string): Promise<void> {
  const key = (text: string) => text.split('/').join('\u0001');
  await withStore(ctx, async (store) => {
    const node = await requireNode(store);
    const outcome = await applyDecision(store.resolution, { a: key(a), b: key(b), same }, { nodeId: node.nodeId, jurisdiction: node.region, reviewer, audit: (entries) => store.appendAudit(entries) });
    ctx.output.out(`已记录复核结论（${same ? '同一人 same' : '非同一人 not same'}），${outcome.events} 个事件，${outcome.moved} 条记录调整 / decision kept: ${outcome.events} events, ${outcome.moved} records moved`);
  });
}
