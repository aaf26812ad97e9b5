// Table shapes (for Kysely's typing) and the migrations that create them on either dialect.
// Every large table carries a distribution column (the source for source records, the person id
// for person tables) and no cross-table foreign keys, so the same schema runs on distributed
// PostgreSQL-compatible engines (ARCHITECTURE.md, Storage).

import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export interface MetaTable { key: string; value: string }

export interface SourcesTable {
  source: string;
  kind: string;
  department: string | null;
  mapping: string;
  mapping_hash: string;
  updated_at: string;
}

export interface IngestRunsTable {
  run_id: string;
  source: string;
  file_name: string;
  file_hash: string;
  mapping_hash: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  rows_read: number;
  accepted: number;
  quarantined: number;
  values_total: number;
  values_standard: number;
}

export interface RecordsTable {
  source: string; // distribution column
  record_id: string;
  run_id: string;
  line: number;
  content_hash: string;
  observed_at: string | null;
  ingested_at: string;
  facts: string;
  relations: string;
  raw: string;
  values_total: number;
  values_standard: number;
}

export interface RecordPersonsTable {
  source: string; // distribution column
  record_id: string;
  role: string;
  name: string | null;
  name_pinyin: string | null;
  id_number: string | null;
  id_valid: number;
  sex: string | null;
  birth_date: string | null;
  phone: string | null;
  hukou_region: string | null;
  residence_region: string | null;
  fields: string;
}

export interface QuarantineTable {
  source: string; // distribution column
  file_hash: string;
  line: number;
  file_name: string;
  run_id: string;
  record_id: string | null;
  reason: string;
  detail: string;
  raw: string;
}

export interface Database {
  meta: MetaTable;
  sources: SourcesTable;
  ingest_runs: IngestRunsTable;
  records: RecordsTable;
  record_persons: RecordPersonsTable;
  quarantine: QuarantineTable;
}

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    await db.schema
      .createTable('sources')
      .addColumn('source', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('department', 'text')
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('mapping_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('ingest_runs')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_hash', 'text', (c) => c.notNull())
      .addColumn('mapping_hash', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rows_read', 'integer', (c) => c.notNull())
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('quarantined', 'integer', (c) => c.notNull())
      .addColumn('values_total', 'integer', (c) => c.notNull())
      .addColumn('values_standard', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ingest_runs_by_file').on('ingest_runs').columns(['source', 'file_hash']).execute();
    await db.schema
      .createTable('records')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('observed_at', 'text')
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('relations', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('values_total', 'integer', (c) => c.notNull())
      .addColumn('values_standard', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('records_pk', ['source', 'record_id'])
      .execute();
    await db.schema
      .createTable('record_persons')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('name_pinyin', 'text')
      .addColumn('id_number', 'text')
      .addColumn('id_valid', 'integer', (c) => c.notNull())
      .addColumn('sex', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('phone', 'text')
      .addColumn('hukou_region', 'text')
      .addColumn('residence_region', 'text')
      .addColumn('fields', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_persons_pk', ['source', 'record_id', 'role'])
      .execute();
    await db.schema
      .createTable('quarantine')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('file_hash', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('quarantine_pk', ['source', 'file_hash', 'line'])
      .execute();
  },
};

/** Migrations in order; a new one is appended, never edited once released. */
export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
};

class InCodeProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider() });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
