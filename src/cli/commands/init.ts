// `yima init --region CODE [--name TEXT]`: creates the node for one jurisdiction.

import { randomUUID } from 'node:crypto';
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
  await withStore(ctx, async (store) => {
    await store.initNode({ nodeId: randomUUID().slice(0, 8), region, name, createdAt: (options.now ?? new Date()).toISOString() });
  });
  ctx.output.out(`已初始化节点 ${name}（${region}），数据目录 ${ctx.dataDir} / node initialised for ${region}`);
}
