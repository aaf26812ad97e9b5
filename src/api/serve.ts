// Starting the API and console for a node: the store stays open, resolution and indicators run
// after an upload from the console, and a signal closes everything in order (no audit entry lost).

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateCodeKey } from '../access/service-code.js';
import { refreshIndicators } from '../indicators/index.js';
import { resolvePending } from '../resolve/resolve.js';
import type { NodeInfo, Store } from '../store/types.js';
import { buildServer, type YimaServer } from './server.js';

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
}

export async function startServer(options: StartOptions): Promise<{ server: YimaServer; url: string }> {
  const { store, node } = options;
  let resolving: Promise<void> = Promise.resolve();
  const server = await buildServer({
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
  const address = await server.listen({ port: options.port, host: options.host });
  return { server, url: address.replace('127.0.0.1', 'localhost') };
}
