// The server under test, in a process of its own (the load generator must not share its event
// loop): opens the bench store, adds the bench account, listens, and says "ready <port>".

import { addUser } from '../../src/access/accounts.js';
import { startServer } from '../../src/api/serve.js';
import { openStore } from '../../src/store/open.js';

const [dataDir = '', password = ''] = process.argv.slice(2);
const store = await openStore({ dataDir, serving: true });
const node = (await store.findNode())!;
if ((await store.access.findUser('benchclerk')) === undefined) {
  await addUser(store, { username: 'benchclerk', role: 'clerk', password }, node.region, new Date());
} else {
  const { hashPassword } = await import('../../src/access/passwords.js');
  await store.access.setPassword('benchclerk', await hashPassword(password), new Date().toISOString());
}
const { server, url } = await startServer({ store, node, dataDir, port: 0, host: '127.0.0.1' });
process.stdout.write(`ready ${url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(async () => {
    await server.yima.context.audit.drain();
    await store.close();
    process.exit(0);
  });
});
