// `yima serve [--port N] [--host H]`: the API and the web console until interrupted.

import { startServer } from '../../api/serve.js';
import type { CommandContext } from '../context.js';
import { requireNode, requireStoreFile } from '../context.js';
import { openStore } from '../../store/open.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** The port was not chosen by the user: fall back to the next free one. */
  portChosen?: boolean;
  /** Threads reading person views (default: one per core, at most four; 0: in process). */
  readers?: number | undefined;
}

export async function runServe(ctx: CommandContext, options: ServeOptions): Promise<void> {
  requireStoreFile(ctx);
  const store = await openStore({ dataDir: ctx.dataDir, databaseUrl: ctx.databaseUrl, serving: true });
  try {
    const node = await requireNode(store);
    await serveUntilSignal(ctx, store, node, options);
  } finally {
    await store.close();
  }
}

export async function serveUntilSignal(ctx: CommandContext, store: Awaited<ReturnType<typeof openStore>>, node: Awaited<ReturnType<typeof requireNode>>, options: ServeOptions): Promise<void> {
  const { server, url } = await startServer({ store, node, dataDir: ctx.dataDir, port: options.port, host: options.host, ...(options.portChosen === false ? { fallbackPorts: 20 } : {}), ...(options.readers === undefined ? {} : { readers: options.readers }) });
  ctx.output.out(`控制台 console: ${url}/   ·   接口文档 API docs: ${url}/api/docs`);
  ctx.output.out('按 Ctrl-C 停止 / press Ctrl-C to stop');
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  ctx.output.out('正在停止 stopping…');
  await server.close();
  await server.yima.context.jobs.whenIdle();
  await server.yima.context.audit.drain();
}
