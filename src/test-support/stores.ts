// The stores every store-backed test runs against: SQLite always, PostgreSQL when
// YIMA_TEST_PG_URL is set (CI sets it). Each test gets a fresh database (a temp file, or a
// schema of its own), so tests never see each other's data. Stores get a throwaway audit key.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { AuditSigner } from '../audit/node-key.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';

export interface TestStore {
  store: Store;
  /**
   * Runs SQL on the same database over a connection of its own, as a DBA would (the attacker of
   * the tamper tests). Placeholders are `?`; they become `$1, $2, …` on PostgreSQL.
   */
  exec(statement: string, params?: readonly unknown[]): Promise<void>;
  dispose(): Promise<void>;
}

export interface OpenOptions {
  /** Default: testSigner. `null` opens the store without an audit key. */
  signer?: AuditSigner | null;
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(options?: OpenOptions): Promise<TestStore>;
}

export const pgUrl = process.env.YIMA_TEST_PG_URL;

/** The throwaway audit key of every test store (one per test process). */
export const testSigner: AuditSigner = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name: 'yima.test.node', privateKey, publicKey };
})();

function signerOf(options: OpenOptions): AuditSigner | undefined {
  return options.signer === undefined ? testSigner : (options.signer ?? undefined);
}

let counter = 0;

const sqliteFactory: StoreFactory = {
  name: 'sqlite',
  available: true,
  open(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'yima-test-'));
    const file = join(dir, 'yima.db');
    const store = SqliteStore.open(file, { signer: signerOf(options) });
    return store.migrate().then(() => ({
      store,
      exec(statement: string, params: readonly unknown[] = []) {
        const dba = new BetterSqlite3(file);
        try {
          dba.pragma('busy_timeout = 5000');
          dba.prepare(statement).run(...params);
          return Promise.resolve();
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        } finally {
          dba.close();
        }
      },
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
  async open(options = {}) {
    counter += 1;
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
    const store = await PostgresStore.open(pgUrl ?? '', { schema, maxConnections: 2, signer: signerOf(options) });
    try {
      await store.migrate();
    } catch (error) {
      // No test will dispose of a store it never got: drop its schema here.
      await store.dropSchema(schema);
      await store.close();
      throw error;
    }
    return {
      store,
      async exec(statement: string, params: readonly unknown[] = []) {
        const dba = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
        await dba.connect();
        try {
          let n = 0;
          await dba.query(statement.replace(/\?/g, () => `$${++n}`), [...params]);
        } finally {
          await dba.end();
        }
      },
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
