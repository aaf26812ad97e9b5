// Migration 0005: the indicator cache (issue 6). One row per (period, district, indicator) as last
// computed after an ingest, so the dashboard reads a few hundred rows instead of the whole store.
// district '' is the whole jurisdiction (a primary key column cannot be null on PostgreSQL).
// Small and rewritten whole, so it is not distributed by person or source.

import type { Kysely, Migration } from 'kysely';

export const indicators: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('indicator_results')
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('district', 'text', (c) => c.notNull())
      .addColumn('indicator_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('target_op', 'text', (c) => c.notNull())
      .addColumn('target_value', 'double precision')
      .addColumn('value', 'double precision')
      .addColumn('numerator', 'double precision')
      .addColumn('denominator', 'double precision', (c) => c.notNull())
      .addColumn('met', 'integer')
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('indicator_results_pk', ['period', 'district', 'indicator_id'])
      .execute();
    await db.schema.createIndex('indicator_results_by_indicator').on('indicator_results').columns(['indicator_id', 'period']).execute();
  },
};
