// Opens the node's store: SQLite in the data directory by default, PostgreSQL when a database URL
// is given (flag or YIMA_DATABASE_URL). The URL is never logged: it may carry a password.
// The node's audit key (<dataDir>/keys, made by `yima init`) is loaded here and handed to the store,
// which signs a checkpoint with it after every audited write; without it those writes are refused.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeKey, type AuditSigner } from '../audit/node-key.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

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

function openSqlite(dataDir: string, signer: AuditSigner | undefined, serving: boolean): Store {
  mkdirSync(dataDir, { recursive: true });
  return SqliteStore.open(join(dataDir, 'yima.db'), { signer, ...(serving ? { mmapMiB: 4096, cacheMiB: 256 } : {}) });
}
