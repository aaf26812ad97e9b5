// Opens the node's store: SQLite in the data directory by default, PostgreSQL when a database URL
// is given (flag or YIMA_DATABASE_URL). The URL is never logged: it may carry a password.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

export interface StoreLocation {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export async function openStore(location: StoreLocation): Promise<Store> {
  const store: Store =
    location.databaseUrl !== undefined && location.databaseUrl !== ''
      ? await PostgresStore.open(location.databaseUrl)
      : openSqlite(location.dataDir);
  await store.migrate();
  return store;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  return SqliteStore.open(join(dataDir, 'yima.db'));
}
