// Migration 0012: each ingest run keeps its file's column names once, and its records keep their
// raw rows as values in that order (a JSON array) instead of an object naming every column again.
// Column names were about 45% of a raw row's bytes (Chinese names, three bytes a character), and
// the raw row was the largest value ingest writes. Runs from before this migration have no
// columns; their records keep the object form, which the reader still understands (to-stored.ts).

import type { Kysely, Migration } from 'kysely';

export const runColumns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('ingest_runs').addColumn('columns', 'text').execute();
  },
};
