// What every command shares: where the node's data lives, how to open its store, and how to
// print (bilingual messages, zh-CN first).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';
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

/**
 * Refuses a command on a SQLite data directory that holds no store, before anything is written: a
 * mistyped --data must not leave a new empty store (and directory) behind. `yima init` and
 * `yima demo` create it; a PostgreSQL node is checked by `requireNode` instead.
 */
export function requireStoreFile(ctx: CommandContext): void {
  if (ctx.databaseUrl !== undefined && ctx.databaseUrl !== '') return;
  if (existsSync(join(ctx.dataDir, 'yima.db'))) return;
  throw new AppError(
    'not_initialised',
    `数据目录 ${ctx.dataDir} 中没有节点：请先运行 yima init --region 代码，或用 --data 指定节点的数据目录`,
    `there is no node in the data directory ${ctx.dataDir}: run \`yima init --region CODE\` first, or name the node's data directory with --data`,
  );
}

export async function withStore<T>(ctx: CommandContext, fn: (store: Store) => Promise<T>, use: { create?: boolean } = {}): Promise<T> {
  if (use.create !== true) requireStoreFile(ctx);
  // Loaded here, not at start-up: `yima --help` and a mistyped command need no database driver.
  const { openStore } = await import('../store/open.js');
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
