// The server under test, in a process of its own (the load generator must not share its event
// loop): opens the bench store, adds the bench account, listens, and says "ready <port>".
// Arguments: data dir, password, workers (default 1: N processes share the port with Node's
// cluster), read-pool threads (default: the serving default), and `every` to send every person
// view to the pool instead of only the request thread's overflow.

import cluster from 'node:cluster';
import { addUser } from '../../src/access/accounts.js';
import { hashPassword } from '../../src/access/passwords.js';
import { startServer } from '../../src/api/serve.js';
import { openStore } from '../../src/store/open.js';

const [dataDir = '', password = '', workersText = '1', readersText, poolReadsText] = process.argv.slice(2);
const poolReads = poolReadsText === 'every' ? 'every' : 'overflow';
const workers = Math.max(1, Number(workersText));

if (cluster.isPrimary) {
  const store = await openStore({ dataDir });
  const node = (await store.findNode())!;
  if ((await store.access.findUser('benchclerk')) === undefined) await addUser(store, { username: 'benchclerk', role: 'clerk', password }, node.region, new Date());
  else await store.access.setPassword('benchclerk', await hashPassword(password), new Date().toISOString());
  await store.close();
}

if (workers > 1 && cluster.isPrimary) {
  let ready = 0;
  let url = '';
  for (let i = 0; i < workers; i++) {
    const worker = cluster.fork();
    worker.on('message', (m: { ready?: string }) => {
      if (m.ready === undefined) return;
      url = m.ready;
      if (++ready === workers) process.stdout.write(`ready ${url}\n`);
    });
  }
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  });
} else {
  const store = await openStore({ dataDir, serving: true });
  const node = (await store.findNode())!;
  // Workers of a cluster share the primary's port; port 0 would give each its own.
  const port = workers > 1 ? Number(process.env.BENCH_PORT ?? 18_500) : 0;
  const { server, url } = await startServer({ store, node, dataDir, port, host: '127.0.0.1', poolReads, ...(readersText === undefined ? {} : { readers: Number(readersText) }) });
  if (cluster.isWorker) process.send?.({ ready: url });
  else process.stdout.write(`ready ${url}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(async () => {
      await server.yima.context.audit.drain();
      await store.close();
      process.exit(0);
    });
  });
}
