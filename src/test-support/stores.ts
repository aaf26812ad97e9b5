// The stores every store-backed test runs against: SQLite always, PostgreSQL when
// YIMA_TEST_PG_URL is set (CI sets it). Each test gets a fresh database (a temp file, or a
// schema of its own), so tests never see each other's data.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';

export interface TestStore {
  store: Store;
  dispose(): Promise<void>;
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<TestStore>;
}

export const pgUrl = process.env.YIMA_TEST_PG_URL;

let counter = 0;

const sqliteFactory: StoreFactory = {
  name: 'sqlite',
  available: true,
  open() {
    const dir = mkdtempSync(join(tmpdir(), 'yima-test-'));
    const store = SqliteStore.open(join(dir, 'yima.db'));
    return store.migrate().then(() => ({
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    }));
  },
};

const postgresFactory: StoreFactory = {
  name: 'postgres',
  available: pgUrl !== undefined && pgUrl !== '',
  async open() {
    counter += 1;
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
    const store = await PostgresStore.open(pgUrl ?? '', { schema, maxConnections: 2 });
    await store.migrate();
    return {
      store,
      async dispose() {
        await store.dropSchema(schema);
        await store.close();
      },
    };
  },
};

export const storeFactories: readonly StoreFactory[] = [sqliteFactory, postgresFactory];

if (!postgresFactory.available) {
  console.warn('[yima tests] PostgreSQL half SKIPPED: set YIMA_TEST_PG_URL (e.g. postgres://127.0.0.1:5432/test) to run the store suite on PostgreSQL too; .ci/run does.');
}
