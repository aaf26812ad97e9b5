// Table shapes (for Kysely's typing) and the migrations that create them on either dialect.
// Every large table carries a distribution column (the source for source records, the person id
// for person tables) and no cross-table foreign keys, so the same schema runs on distributed
// PostgreSQL-compatible engines (ARCHITECTURE.md, Storage).

import { Migrator, type ColumnType, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index.js';

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
  /** When a resolution that started after this run completed had finished (null: not yet). */
  resolved_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The file's column names (JSON array) that its records' raw rows follow; null before migration 0012. */
  columns: ColumnType<string | null, string | null | undefined, string | null>;
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


class InCodeProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

/** `schema`: where the migration bookkeeping lives (PostgreSQL), so stores in other schemas never see it. */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeProvider(), ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}
