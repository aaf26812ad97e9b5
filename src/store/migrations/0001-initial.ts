// Migration 0001: the ingest tables (sources, runs, records, their persons, quarantine).

import type { Kysely, Migration } from 'kysely';

export const initial: Migration = {
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
