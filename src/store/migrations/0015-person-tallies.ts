// Migration 0015: beside each person's view, the summary of their records the indicators read
// (indicators/record-tally.ts), in a narrow table of its own: a refresh reads one short row per
// person in person-id order (about a tenth of the views' bytes) instead of joining each of ~3.4M
// links to its record and role at random, 48 s of a 79.7 s refresh at 1M persons. It is written and
// dropped with the person's view (store/resolution/person-views.ts). The views' stored form moves to
// version 3 with it, so the first resolution after this migration writes every view and summary
// again; until then a person without a summary is read from the tables. person_id is the
// distribution column, as in `persons`.

import type { Kysely, Migration } from 'kysely';

export const personTallies: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('person_tallies')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('tally', 'text', (c) => c.notNull())
      .execute();
  },
};
