// What every command shares: where the node's data lives, how to open its store, and how to
// print (bilingual messages, zh-CN first).

import { AppError } from '../errors.js';
import { openStore } from '../store/open.js';
import type { NodeInfo, Store } from '../store/types.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (progress bars); false in pipes and CI (plain lines). */
  isTTY: boolean;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  isTTY: process.stdout.isTTY === true,
};

export interface CommandContext {
  dataDir: string;
  databaseUrl: string | undefined;
  output: Output;
}

export async function withStore<T>(ctx: CommandContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: ctx.dataDir, databaseUrl: ctx.databaseUrl });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function requireNode(store: Store): Promise<NodeInfo> {
  const node = await store.findNode();
  if (node === undefined) {
    throw new AppError('not_initialised', '节点尚未初始化：请先运行 yima init --region 代码', 'the node is not initialised: run `yima init --region CODE` first');
  }
  return node;
}
