// Migration 0006: person search reads the first page of matches in index order. A common name has
// thousands of namesakes in a large city; with (column, person_id) indexes a search stops after
// its page instead of reading and sorting every match.

import type { Kysely, Migration } from 'kysely';

export const searchIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('persons_by_name').ifExists().execute();
    await db.schema.createIndex('persons_by_name_person').on('persons').columns(['name', 'person_id']).execute();
    await db.schema.createIndex('persons_by_name_key_person').on('persons').columns(['name_key', 'person_id']).execute();
    await db.schema.createIndex('persons_by_id_number_person').on('persons').columns(['id_number', 'person_id']).execute();
    await db.schema.createIndex('persons_by_phone_person').on('persons').columns(['phone', 'person_id']).execute();
  },
};
