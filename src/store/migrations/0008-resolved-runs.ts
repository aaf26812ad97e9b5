// Migration 0008: which ingest runs a resolution has taken in. A run is marked once a resolution
// that started after it completed has finished; the next resolution reads the records of unmarked
// runs only (through the run index), so a batch costs its own rows whatever the clocks of the
// machines that ingested say. The ingest-time index that served the clock-based rule goes.

import type { Kysely, Migration } from 'kysely';

export const resolvedRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('ingest_runs').addColumn('resolved_at', 'text').execute();
    await db.schema.createIndex('records_by_run').on('records').column('run_id').execute();
    await db.schema.dropIndex('records_by_ingested_at').ifExists().execute();
  },
};
