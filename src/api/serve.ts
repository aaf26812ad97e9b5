// Starting the API and console for a node: the store stays open, resolution and indicators run
// after an upload from the console, and a signal closes everything in order (no audit entry lost).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateCodeKey } from '../access/service-code.js';
import { refreshIndicators } from '../indicators/index.js';
import { resolvePending } from '../resolve/resolve.js';
import type { NodeInfo, Store } from '../store/types.js';
import { AppError } from '../errors.js';
import { buildServer, type YimaServer } from './server.js';
import { InProcessViewer } from './reads/person-view.js';
import { OverflowViewer } from './reads/overflow-viewer.js';
import { defaultReaders, readPoolAvailable, ReadPool } from './reads/read-pool.js';

/** dist/web of this package, wherever it is run from (compiled or from source). */
export function defaultWebRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const web = join(dir, 'dist', 'web');
      return existsSync(join(web, 'index.html')) ? web : null;
    }
    dir = resolve(dir, '..');
  }
  return null;
}

export interface StartOptions {
  store: Store;
  node: NodeInfo;
  dataDir: string;
  port: number;
  host: string;
  logger?: boolean;
  /** Try up to this many following ports when the port is in use (default: none). */
  fallbackPorts?: number;
  /** Threads that read person views (default: one per core, at most four; 0: in process). */
  readers?: number;
  /**
   * Which views the pool reads: the request thread's overflow (the default, see overflow-viewer.ts)
   * or every view (for measuring the pool alone).
   */
  poolReads?: 'overflow' | 'every';
}

export async function startServer(options: StartOptions): Promise<{ server: YimaServer; url: string }> {
  const { store, node } = options;
  let resolving: Promise<void> = Promise.resolve();
  const readers = options.readers ?? defaultReaders();
  if (options.readers !== undefined && options.readers > 0 && !readPoolAvailable()) {
    throw new AppError('unavailable', '读取线程需要编译后的程序（npm run build）', 'read threads need the compiled program (npm run build)');
  }
  const local = new InProcessViewer(store);
  const pool = readers > 0 && readPoolAvailable() ? await ReadPool.start(store.readerLocation(), readers, { fallback: local }) : undefined;
  const viewer = pool === undefined ? local : options.poolReads === 'every' ? pool : new OverflowViewer(local, pool);
  let server: YimaServer;
  try {
    server = await buildServer({
      viewer,
      store,
      node,
      dataDir: options.dataDir,
      codeKey: loadOrCreateCodeKey(options.dataDir),
      webRoot: defaultWebRoot(),
      logger: options.logger ?? false,
      // Uploads resolve one after another: resolution runs are not concurrent.
      afterIngest: () => {
        resolving = resolving.then(async () => {
          await resolvePending(store.resolution, { nodeId: node.nodeId, jurisdiction: node.region, audit: (entries) => store.appendAudit(entries) });
          await refreshIndicators(store, node, new Date());
        });
        return resolving;
      },
    });
  } catch (error) {
    await viewer.close();
    throw error;
  }
  // When the port was not chosen (the demo), a busy one is not an error: the next free one is used.
  for (let port = options.port, tries = 0; ; port += 1, tries += 1) {
    try {
      const address = await server.listen({ port, host: options.host });
      return { server, url: address.replace('127.0.0.1', 'localhost') };
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!busy || options.fallbackPorts === undefined || tries >= options.fallbackPorts || options.port === 0) {
        await server.close();
        if (busy) throw new AppError('conflict', `端口 ${port} 已被占用：请用 --port 指定其他端口`, `port ${port} is in use: choose another with --port`);
        throw error;
      }
    }
  }
}
