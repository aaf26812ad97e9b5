// Migration 0011: indexes that another index makes redundant are dropped. Migration 0006 added
// (id_number, person_id), (phone, person_id) and (name_key, person_id) for search, and every
// lookup by id number, phone or name key can use them; the single-column indexes they begin with
// only cost a B-tree update on every golden write (3 of the 9 B-trees a person's row touched).
// The schema test checks that no index is a prefix of another, so none comes back unnoticed.

import type { Kysely, Migration } from 'kysely';

export const dropPrefixIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    for (const index of ['persons_by_id_number', 'persons_by_phone', 'persons_by_name_key']) {
      await db.schema.dropIndex(index).ifExists().execute();
    }
  },
};
