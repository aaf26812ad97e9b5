// The resolution step that `ingest` and `demo` run after storing: resolves what is pending and
// prints what it did.

import { refreshIndicators } from '../indicators/index.js';
import { resolvePending, type ResolveSummary } from '../resolve/resolve.js';
import type { NodeInfo, Store } from '../store/types.js';
import type { Output } from './context.js';
import { everySoOften, formatCount } from './progress.js';

export async function runResolveStep(store: Store, node: NodeInfo, output: Output): Promise<ResolveSummary> {
  const started = Date.now();
  const summary = await resolvePending(store.resolution, {
    nodeId: node.nodeId,
    jurisdiction: node.region,
    audit: (entries) => store.appendAudit(entries),
    progress: everySoOften(2000, (phase: 'train' | 'resolve' | 'golden' | 'views', done: number) => {
      const label = { train: '训练模型 training', resolve: '匹配 resolving', golden: '生成档案 golden records', views: '档案视图 person views' }[phase];
      output.out(`  ${label}: ${formatCount(done)}`);
    }),
  });
  const seconds = (Date.now() - started) / 1000;
  const counts = await store.resolution.counts();
  output.out(
    `实体解析 resolution: 新增 ${formatCount(summary.added)} + 变更 ${formatCount(summary.changed)} 条记录 records, 合并 merges ${formatCount(summary.merges)}, ` +
      `待复核 to review ${formatCount(summary.reviews)}, ${seconds.toFixed(1)} s` + (summary.trained ? `; 模型 model v${summary.modelVersion} trained from the data` : ''),
  );
  output.out(`一人一档 persons: ${formatCount(counts.persons)}（冲突 with conflicts ${formatCount(counts.conflicts)}，漏登 unregistered ${formatCount(counts.unregistered)}，待复核 open reviews ${formatCount(counts.openReviews)}）`);
  // The indicators count the persons this run changed, carried on from the saved tally; the first
  // refresh of a day counts every person (tens of seconds at 1M persons): shown as it goes.
  const kpis = await refreshIndicators(store, node, new Date(), {
    progress: everySoOften(2000, (persons: number) => output.out(`  计算指标 indicators: ${formatCount(persons)} / ${formatCount(counts.persons)} 人 persons`)),
  });
  const how = kpis.mode === 'incremental' ? `增量 incremental, ${formatCount(kpis.counted)} 人 persons changed` : `全量 full, ${formatCount(kpis.counted)} 人 persons`;
  output.out(`指标已更新 indicators refreshed: ${formatCount(kpis.rows)} 项 values (${how}), ${(kpis.milliseconds / 1000).toFixed(1)} s`);
  return summary;
}
