// Messages between the request thread and a read-pool thread.

import type { Principal } from '../../access/policy.js';
import type { AppErrorCode } from '../../errors.js';
import type { ReaderLocation } from '../../store/types.js';

export interface ReadWorkerData {
  location: ReaderLocation;
}

export type ReadRequest = { kind: 'view'; seq: number; personId: string; who: Principal; today: string } | { kind: 'close' };

export type ReadReply =
  | { kind: 'ready' }
  | { kind: 'fatal'; message: string }
  | { kind: 'view'; seq: number; found: false }
  | { kind: 'view'; seq: number; found: true; records: number; bytes: Uint8Array }
  | { kind: 'error'; seq: number; code: AppErrorCode; messageZh: string; message: string };
