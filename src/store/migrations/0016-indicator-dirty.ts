// Migration 0016: the persons whose indicator rows changed since the saved tally (indicators/
// incremental.ts), each with what the tally counted for them then: their person columns and
// summary as they were before the change (`existed` 0: a person new since). A refresh takes those
// away and adds the persons as they are now, instead of counting every person again. Rows are
// written only while a saved tally exists, and the refresh that uses them deletes them.

import type { Kysely, Migration } from 'kysely';

export const indicatorDirty: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('indicator_dirty')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('existed', 'integer', (c) => c.notNull())
      .addColumn('residence_region', 'text')
      .addColumn('floating', 'text')
      .addColumn('id_number', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('conflict_count', 'integer')
      .addColumn('tally', 'text')
      .execute();
  },
};
