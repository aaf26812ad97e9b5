// The embedded store: one SQLite file through better-sqlite3 (12.x; 13 crashes on Node 20), WAL,
// synchronous=NORMAL. Bulk writes use prepared statements inside one transaction per batch,
// which is what makes ingest fast; everything else goes through the shared Kysely code.

import { closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { withStatementCache } from './statement-cache.js';
import { fallbackPages, sqliteDefaultPages, WalCheckpointer } from './wal-checkpointer.js';
import type { AuditEntry } from '../../audit/entry.js';
import { requireAuditSigner, type AuditSigner } from '../../audit/node-key.js';
import { KyselyStore } from '../kysely-store.js';
import type { Database } from '../schema.js';
import type { AuditAppendResult, ReaderLocation, RecordBatch, StoredRecord } from '../types.js';
import { appendAuditSync, SqliteAuditReader } from './sqlite-audit.js';
import { indicatorChangesKey, indicatorStateKey } from '../resolution/indicator-dirty.js';

type Db = BetterSqlite3.Database;

export interface SqliteOptions {
  /** Page cache in MiB (default 64). */
  cacheMiB?: number;
  /** Memory-map this much of the database file (reads of a serving node). */
  mmapMiB?: number;
  /** WAL checkpoints on a thread of their own, off the committing connection (wal-checkpointer.ts). */
  checkpointInBackground?: boolean;
  /** The node's audit key; without it, writes carrying audit entries are refused. */
  signer?: AuditSigner | undefined;
  /** A reader beside the node's own handle: SQLite refuses every write (and sets no journal mode). */
  readOnly?: boolean;
}

export class SqliteStore extends KyselyStore {
  readonly dialect = 'sqlite' as const;
  private statements: ReturnType<typeof prepareWrites> | undefined;
  readonly auditReader: SqliteAuditReader;
  private checkpointer: WalCheckpointer | undefined;

  private constructor(
    private readonly sqlite: Db,
    db: Kysely<Database>,
    private readonly signer: AuditSigner | undefined,
    private readonly options: SqliteOptions,
  ) {
    super(db);
    this.auditReader = new SqliteAuditReader(sqlite);
  }

  static open(file: string, options: SqliteOptions = {}): SqliteStore {
    // A new store file is readable by its owner only: SQLite gives its WAL and shared-memory files
    // the database file's permissions, and would otherwise create it world-readable (0644).
    if (options.readOnly !== true && file !== ':memory:' && !existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    const sqlite = new BetterSqlite3(file, { readonly: options.readOnly === true, fileMustExist: options.readOnly === true });
    if (options.readOnly !== true) {
      // A new file gets 8 KiB pages (an existing one keeps its own): ingest rows of 1–2 KiB split
      // and spill less, and a bulk insert costs ~12% less CPU than with 4 KiB pages (measured).
      // It must come before WAL, which fixes the page size.
      sqlite.pragma('page_size = 8192');
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma(`cache_size = ${-1024 * (options.cacheMiB ?? 64)}`);
    // Large sorts (building the block-key index after a first load: ~10M keys at 300k persons) spill
    // to temporary files past the cache instead of growing the process: measured 179 MiB peak and
    // 13 s against 772 MiB and 22 s with temp_store = MEMORY. Small sorts stay in memory either way.
    sqlite.pragma('temp_store = FILE');
    // Serving reads pages through the OS cache without a copy per page (not for bulk loads, whose
    // RSS would then count every page written).
    if (options.mmapMiB !== undefined) sqlite.pragma(`mmap_size = ${options.mmapMiB * 1024 * 1024}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    const store = new SqliteStore(sqlite, db, options.signer, options);
    if (options.checkpointInBackground === true && options.readOnly !== true && file !== ':memory:') {
      // The writer checkpoints only past a high mark; if the thread stops, SQLite's default returns.
      sqlite.pragma(`wal_autocheckpoint = ${fallbackPages}`);
      store.checkpointer = WalCheckpointer.start(file, { onExit: () => sqlite.open && sqlite.pragma(`wal_autocheckpoint = ${sqliteDefaultPages}`) });
    }
    return store;
  }

  readerLocation(): ReaderLocation {
    // A reader's cache is dropped at every commit of this handle: a small one does as well (measured).
    return { dialect: 'sqlite', file: this.sqlite.name, cacheMiB: Math.min(32, this.options.cacheMiB ?? 32) };
  }

  private get writes(): ReturnType<typeof prepareWrites> {
    this.statements ??= prepareWrites(this.sqlite);
    return this.statements;
  }

  async writeBatch(batch: RecordBatch): Promise<void> {
    const w = this.writes;
    const audit = batch.audit ?? [];
    const signer = audit.length > 0 ? requireAuditSigner(this.signer) : undefined;
    const run = this.sqlite.transaction((b: RecordBatch) => {
      if (b.replace.length > 0) {
        w.forgetTally.run();
        w.countChange.run();
      }
      for (const record of b.replace) {
        // The read model of whoever this record is linked to shows its old version: dropped.
        w.dropViews.run(record.source, record.recordId);
        w.dropTallies.run(record.source, record.recordId);
        w.deletePersons.run(record.source, record.recordId);
        w.deleteRecord.run(record.source, record.recordId);
      }
      for (const record of b.insert) insertRecord(w, record);
      for (const record of b.replace) insertRecord(w, record);
      for (const q of b.quarantine) {
        w.insertQuarantine.run(q.source, q.fileHash, q.line, q.fileName, q.runId, q.recordId, q.reason, q.detail, q.raw);
      }
      if (signer !== undefined) appendAuditSync(this.sqlite, audit, signer);
    });
    // Synchronous inside: an error rejects the promise and the transaction has rolled back.
    // IMMEDIATE takes the write lock first, so the audit head is read under it.
    await Promise.resolve();
    run.immediate(batch);
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<AuditAppendResult> {
    const signer = requireAuditSigner(this.signer);
    await Promise.resolve();
    return this.sqlite.transaction(() => appendAuditSync(this.sqlite, entries, signer)).immediate();
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    await this.db.destroy();
  }
}

function prepareWrites(db: Db) {
  return {
    insertRecord: db.prepare(
      `insert into records (source, record_id, run_id, line, content_hash, observed_at, ingested_at, facts, relations, raw, values_total, values_standard)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertPerson: db.prepare(
      `insert into record_persons (source, record_id, role, name, name_pinyin, id_number, id_valid, sex, birth_date, phone, hukou_region, residence_region, fields)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteRecord: db.prepare('delete from records where source = ? and record_id = ?'),
    dropViews: db.prepare('delete from person_views where person_id in (select person_id from person_links where source = ? and record_id = ?)'),
    dropTallies: db.prepare('delete from person_tallies where person_id in (select person_id from person_links where source = ? and record_id = ?)'),
    // A re-versioned record's persons are not noted one by one (indicators/incremental.ts): the saved tally is dropped.
    forgetTally: db.prepare(`delete from meta where key = '${indicatorStateKey}'`),
    countChange: db.prepare(`insert into meta (key, value) values ('${indicatorChangesKey}', '1') on conflict (key) do update set value = cast(cast(value as integer) + 1 as text)`),
    deletePersons: db.prepare('delete from record_persons where source = ? and record_id = ?'),
    insertQuarantine: db.prepare(
      `insert into quarantine (source, file_hash, line, file_name, run_id, record_id, reason, detail, raw)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
    ),
  };
}

function insertRecord(w: ReturnType<typeof prepareWrites>, r: StoredRecord): void {
  w.insertRecord.run(r.source, r.recordId, r.runId, r.line, r.contentHash, r.observedAt, r.ingestedAt, r.facts, r.relations, r.raw, r.valuesTotal, r.valuesStandard);
  for (const p of r.persons) {
    w.insertPerson.run(r.source, r.recordId, p.role, p.name, p.namePinyin, p.idNumber, p.idValid ? 1 : 0, p.sex, p.birthDate, p.phone, p.hukouRegion, p.residenceRegion, p.fields);
  }
}
