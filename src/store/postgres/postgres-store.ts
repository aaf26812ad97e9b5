// The production store: PostgreSQL through `pg`. Bulk writes are COPY inside one transaction per
// batch; everything else goes through the shared Kysely code.

import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AuditEntry } from '../../audit/entry.js';
import { requireAuditSigner, type AuditSigner } from '../../audit/node-key.js';
import { KyselyStore } from '../kysely-store.js';
import type { Database } from '../schema.js';
import type { AuditAppendResult, ReaderLocation, RecordBatch, StoredRecord } from '../types.js';
import { copyRows, type CopyValue } from './copy.js';
import { appendAudit, PostgresAuditReader } from './postgres-audit.js';
import { indicatorChangesKey, indicatorStateKey } from '../resolution/indicator-dirty.js';

export interface PostgresOptions {
  /** Schema to work in (created when missing); default `public`. Tests use one schema each. */
  schema?: string;
  maxConnections?: number;
  /** The node's audit key; without it, writes carrying audit entries are refused. */
  signer?: AuditSigner | undefined;
  /** A reader beside the node's own handle: every transaction is read-only. */
  readOnly?: boolean;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

function recordRow(r: StoredRecord): CopyValue[] {
  return [r.source, r.recordId, r.runId, r.line, r.contentHash, r.observedAt, r.ingestedAt, r.facts, r.relations, r.raw, r.valuesTotal, r.valuesStandard];
}

function* personRows(records: readonly StoredRecord[]): Generator<CopyValue[]> {
  for (const r of records) {
    for (const p of r.persons) {
      yield [r.source, r.recordId, p.role, p.name, p.namePinyin, p.idNumber, p.idValid ? 1 : 0, p.sex, p.birthDate, p.phone, p.hukouRegion, p.residenceRegion, p.fields];
    }
  }
}

export class PostgresStore extends KyselyStore {
  readonly dialect = 'postgres' as const;
  readonly auditReader: PostgresAuditReader;

  private constructor(
    private readonly pool: pg.Pool,
    db: Kysely<Database>,
    private readonly signer: AuditSigner | undefined,
    private readonly url: string,
  ) {
    super(db);
    this.auditReader = new PostgresAuditReader(pool);
  }

  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    const schema = options.schema ?? 'public';
    if (!schemaPattern.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const readOnly = options.readOnly === true ? ' -c default_transaction_read_only=on' : '';
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, options: `-c search_path=${schema}${readOnly}` });
    if (readOnly === '') {
      const client = await pool.connect();
      try {
        await client.query(`create schema if not exists ${schema}`);
      } finally {
        client.release();
      }
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const store = new PostgresStore(pool, db, options.signer, url);
    store.migrationSchema = schema;
    return store;
  }

  readerLocation(): ReaderLocation {
    return { dialect: 'postgres', url: this.url, schema: this.migrationSchema ?? 'public' };
  }

  async writeBatch(batch: RecordBatch): Promise<void> {
    const audit = batch.audit ?? [];
    const signer = audit.length > 0 ? requireAuditSigner(this.signer) : undefined;
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      if (batch.replace.length > 0) {
        const sources = batch.replace.map((r) => r.source);
        const ids = batch.replace.map((r) => r.recordId);
        const where = 'where (source, record_id) in (select * from unnest($1::text[], $2::text[]))';
        // The read model of whoever these records are linked to shows their old versions: dropped.
        await client.query(`delete from person_views where person_id in (select person_id from person_links ${where})`, [sources, ids]);
        await client.query(`delete from person_tallies where person_id in (select person_id from person_links ${where})`, [sources, ids]);
        // Their persons are not noted one by one for the saved indicator tally (indicators/incremental.ts): it is dropped.
        await client.query('delete from meta where key = $1', [indicatorStateKey]);
        await client.query(`insert into meta (key, value) values ($1, '1') on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`, [indicatorChangesKey]);
        await client.query(`delete from record_persons ${where}`, [sources, ids]);
        await client.query(`delete from records ${where}`, [sources, ids]);
      }
      const records = [...batch.insert, ...batch.replace];
      if (records.length > 0) {
        await copyRows(client, 'records', ['source', 'record_id', 'run_id', 'line', 'content_hash', 'observed_at', 'ingested_at', 'facts', 'relations', 'raw', 'values_total', 'values_standard'], records.map(recordRow));
        await copyRows(client, 'record_persons', ['source', 'record_id', 'role', 'name', 'name_pinyin', 'id_number', 'id_valid', 'sex', 'birth_date', 'phone', 'hukou_region', 'residence_region', 'fields'], personRows(records));
      }
      if (batch.quarantine.length > 0) {
        const q = batch.quarantine;
        await client.query(
          `insert into quarantine (source, file_hash, line, file_name, run_id, record_id, reason, detail, raw)
           select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           on conflict do nothing`,
          [q.map((x) => x.source), q.map((x) => x.fileHash), q.map((x) => x.line), q.map((x) => x.fileName), q.map((x) => x.runId), q.map((x) => x.recordId), q.map((x) => x.reason), q.map((x) => x.detail), q.map((x) => x.raw)],
        );
      }
      if (signer !== undefined) await appendAudit(client, audit, signer);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<AuditAppendResult> {
    const signer = requireAuditSigner(this.signer);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await appendAudit(client, entries, signer);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  /** Drops the store's schema with everything in it (tests only). */
  async dropSchema(schema: string): Promise<void> {
    if (!schemaPattern.test(schema) || schema === 'public') throw new Error(`refusing to drop schema ${schema}`);
    await this.pool.query(`drop schema if exists ${schema} cascade`);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
