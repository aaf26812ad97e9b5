// A read-pool thread: a read-only handle on the node's store, answering person views with JSON
// bytes serialised by the route's own schema (so no field the schema does not declare can leave,
// as on the request thread). Errors travel back as a code and a message with no personal data.

import { parentPort, workerData } from 'node:worker_threads';
import fastJson from 'fast-json-stringify';
import { AppError } from '../../errors.js';
import { openReader } from '../../store/open.js';
import { PersonViewSchema } from '../schemas.js';
import { readPersonView } from './person-view.js';
import type { ReadReply, ReadWorkerData, ViewRequest } from './read-protocol.js';

const port = parentPort;
if (port === null) throw new Error('read-worker.js runs as a worker thread');
const post = (reply: ReadReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

const { location } = workerData as ReadWorkerData;
const serialize = fastJson(PersonViewSchema);
const encoder = new TextEncoder();

try {
  const store = await openReader(location);
  port.on('message', (request: ViewRequest) => {
    readPersonView(store, request.personId, request.who, request.today).then(
      (outcome) => {
        if (!outcome.found) return post({ kind: 'view', seq: request.seq, found: false });
        const bytes = encoder.encode(serialize(outcome.body));
        return post({ kind: 'view', seq: request.seq, found: true, records: outcome.records, bytes }, [bytes.buffer]);
      },
      (error: unknown) => {
        if (error instanceof AppError) post({ kind: 'error', seq: request.seq, code: error.code, messageZh: error.messageZh, message: error.message });
        else post({ kind: 'error', seq: request.seq, code: 'internal', messageZh: '读取失败', message: 'read failed' });
      },
    );
  });
  port.once('close', () => void store.close());
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
