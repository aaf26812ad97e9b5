// Migration 0014: the blocking-key indexes carry the record key, so a block is read from the index
// alone instead of one table row per record found. A batch's namesake reads (matching/name-only.ts)
// read up to 65 rows of each of its names, mostly common ones: at 1M persons ~22,000 rows, 196–212 ms
// against 56–58 ms with this index (the store file in the page cache). On a store of a million
// persons (34M keys) building it takes about a minute, once.

import type { Kysely, Migration } from 'kysely';

export const blockKeysCover: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('block_keys_by_key').ifExists().execute();
    await db.schema.createIndex('block_keys_by_key_record').ifNotExists().on('block_keys').columns(['key', 'record_key']).execute();
    await db.schema.dropIndex('block_keys_recent_by_key').ifExists().execute();
    await db.schema.createIndex('block_keys_recent_by_key_record').on('block_keys_recent').columns(['key', 'record_key']).execute();
  },
};
