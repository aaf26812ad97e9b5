// Opens the node's store: SQLite in the data directory by default, PostgreSQL when a database URL
// is given (flag or YIMA_DATABASE_URL). The URL is never logged: it may carry a password.
// The node's audit key (<dataDir>/keys, made by `yima init`) is loaded here and handed to the store,
// which signs a checkpoint with it after every audited write; without it those writes are refused.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeKey, type AuditSigner } from '../audit/node-key.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { ReaderLocation, Store } from './types.js';

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** The audit key; by default the one in `<dataDir>/keys`, if there is one. `null`: open without. */
  signer?: AuditSigner | null | undefined;
  /** A serving node (many random reads): SQLite maps the file into memory. */
  serving?: boolean;
}

export async function openStore(location: StoreLocation): Promise<Store> {
  const signer = location.signer === undefined ? findNodeKey(location.dataDir) : (location.signer ?? undefined);
  const store: Store =
    location.databaseUrl !== undefined && location.databaseUrl !== ''
      ? await PostgresStore.open(location.databaseUrl, { signer })
      : openSqlite(location.dataDir, signer, location.serving === true);
  await store.migrate();
  return store;
}

/**
 * How a serving node opens its SQLite store: the file mapped into memory and a larger page cache
 * (many random reads: person views, uploads resolved in the same process), and its WAL
 * checkpoints on a thread of their own (sqlite/wal-checkpointer.ts), so an upload's commits do not
 * wait for them. Exported so that the benchmark of an uploaded batch opens the store as the node
 * that resolves it does.
 */
export const servingSqlite = { mmapMiB: 4096, cacheMiB: 256, checkpointInBackground: true } as const;

function openSqlite(dataDir: string, signer: AuditSigner | undefined, serving: boolean): Store {
  // A new data directory is the node's alone (its store holds personal data); an existing one keeps
  // the permissions its operator gave it.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return SqliteStore.open(join(dataDir, 'yima.db'), { signer, ...(serving ? servingSqlite : {}) });
}

/**
 * A read-only handle on a store another thread has open (`store.readerLocation()`): no audit key,
 * no migrations, writes refused by the database itself.
 */
export async function openReader(location: ReaderLocation): Promise<Store> {
  if (location.dialect === 'postgres') return PostgresStore.open(location.url, { schema: location.schema, maxConnections: 2, readOnly: true });
  // No memory map for a reader: every commit of the node's own handle (an audit entry per read)
  // makes SQLite drop a reader's cache, and with a map also remap the file — measured at ~1 ms
  // more per person view than reading through a page cache of its own.
  return SqliteStore.open(location.file, { readOnly: true, ...(location.cacheMiB === undefined ? {} : { cacheMiB: location.cacheMiB }) });
}
