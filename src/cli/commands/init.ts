// `yima init --region CODE [--name TEXT]`: creates the node for one jurisdiction, and its Ed25519
// audit key in <dataDir>/keys (never in the database: whoever rewrites the database cannot sign).

import { randomUUID } from 'node:crypto';
import { createNodeKey, hasNodeKey, keyDir, nodeKeyName } from '../../audit/node-key.js';
import { AppError } from '../../errors.js';
import { regionName } from '../../identity/index.js';
import type { CommandContext } from '../context.js';
import { withStore } from '../context.js';

export interface InitOptions {
  region: string;
  name?: string | undefined;
  now?: Date;
}

export async function runInit(ctx: CommandContext, options: InitOptions): Promise<void> {
  const region = options.region.trim();
  const known = /^\d{6}$/.test(region) ? regionName(region) : null;
  if (known === null) {
    throw new AppError('bad_request', `未知的行政区划代码 ${region}（应为 6 位 GB/T 2260 代码，如 440300）`, `unknown region code ${region} (a 6-digit GB/T 2260 code such as 440300)`);
  }
  const name = options.name?.trim() || known;
  // Checked first, so a refused init leaves neither a node without a key nor a key without a node.
  if (hasNodeKey(ctx.dataDir)) {
    throw new AppError('conflict', `审计密钥已存在于 ${keyDir(ctx.dataDir)}：该数据目录已初始化过`, `an audit key already exists in ${keyDir(ctx.dataDir)}: this data directory was initialised before`);
  }
  const nodeId = randomUUID().slice(0, 8);
  await withStore(
    ctx,
    async (store) => {
      await store.initNode({ nodeId, region, name, createdAt: (options.now ?? new Date()).toISOString() });
    },
    { create: true },
  );
  const key = createNodeKey(ctx.dataDir, nodeKeyName(region, nodeId));
  ctx.output.out(`已初始化节点 ${name}（${region}），数据目录 ${ctx.dataDir} / node initialised for ${region}`);
  ctx.output.out(`审计签名密钥 ${key.name} 已生成于 ${keyDir(ctx.dataDir)}（请备份，勿放入数据库）/ audit signing key ${key.name} written to ${keyDir(ctx.dataDir)} (back it up; keep it out of the database)`);
}
