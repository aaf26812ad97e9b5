// A read-pool thread: a read-only handle on the node's store, answering person views with JSON
// bytes serialised by the route's own schema (so no field the schema does not declare can leave,
// as on the request thread). A failed view fails that request only; errors travel back as a code
// and a message with no personal data. On `close` the thread closes its store and ends.

import { parentPort, workerData } from 'node:worker_threads';
import fastJson from 'fast-json-stringify';
import { AppError } from '../../errors.js';
import { openReader } from '../../store/open.js';
import type { Store } from '../../store/types.js';
import { PersonViewSchema } from '../schemas.js';
import { readPersonView } from './person-view.js';
import type { ReadReply, ReadRequest, ReadWorkerData } from './read-protocol.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs as a worker thread');
const post = (reply: ReadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

const { location } = workerData as ReadWorkerData;
const serialize = fastJson(PersonViewSchema);
const encoder = new TextEncoder();

async function answer(store: Store, request: Extract<ReadRequest, { kind: 'view' }>): Promise<void> {
  try {
    const outcome = await readPersonView(store, request.personId, request.who, request.today);
    if (!outcome.found) return post({ kind: 'view', seq: request.seq, found: false });
    const bytes = encoder.encode(serialize(outcome.body));
    return post({ kind: 'view', seq: request.seq, found: true, records: outcome.records, bytes }, [bytes.buffer]);
  } catch (error) {
    if (error instanceof AppError) return post({ kind: 'error', seq: request.seq, code: error.code, messageZh: error.messageZh, message: error.message });
    // The kind of failure only, for the operator's log: a message could quote the data.
    const kind = error instanceof Error ? error.name : typeof error;
    return post({ kind: 'error', seq: request.seq, code: 'internal', messageZh: '读取失败', message: `read failed (${kind} in the read thread)` });
  }
}

let store: Store | undefined;
try {
  store = await openReader(location);
  // Read once before saying ready: a store that opens but cannot be read (no server, no schema) fails here.
  await store.findNode();
  const opened = store;
  port.on('message', (request: ReadRequest) => {
    if (request.kind === 'close') {
      void opened.close().finally(() => port.close());
      return;
    }
    void answer(opened, request);
  });
  post({ kind: 'ready' });
} catch (error) {
  await store?.close().catch(() => undefined);
  post({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
