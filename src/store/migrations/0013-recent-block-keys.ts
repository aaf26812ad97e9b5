// Migration 0013: blocking keys filed by incremental runs go to a small table of their own and are
// moved into the large one in bulk, in key order, once it has gathered enough. A 1,000-record batch
// files ~10,000 keys; inserted straight into the index of ~10M keys they land on ~9,000 different
// pages, each written out whole at commit (~70 MB of a ~140 ms commit at 300k persons). The small
// table's index stays in cache, and the bulk move writes each large page once for many batches.

import type { Kysely, Migration } from 'kysely';

export const recentBlockKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('block_keys_recent')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('record_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('block_keys_recent_by_key').on('block_keys_recent').column('key').execute();
  },
};
