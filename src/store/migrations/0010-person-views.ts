// Migration 0010: a read model for the person view. Each person's source records, with their roles,
// kept together in one row beside the golden record, written in the same transaction. A view then
// reads one row instead of about twenty B-tree leaves scattered over the records tables (a person's
// records sit wherever their sources put them). A person without a row is read from the tables
// themselves, so an empty table is correct, only slower; the first resolution after this migration
// fills it. person_id is the distribution column, as in `persons`.

import type { Kysely, Migration } from 'kysely';

export const personViews: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('person_views')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('records', 'text', (c) => c.notNull())
      .addColumn('built_at', 'text', (c) => c.notNull())
      .execute();
  },
};
