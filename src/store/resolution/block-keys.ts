// The store's blocking-key index: the records filed under each key, in a large table (a first
// load's keys, its index built afterwards) and a small one (keys of incremental runs, moved into the
// large one in bulk: migration 0013). Lookups read both; a block's cap counts across both.

import { sql } from 'kysely';
import type { ResolutionDb } from './load-inputs.js';

/** Record keys filed under any of `keys`, leaving out blocks of more than `blockCap` records. */
export async function recordsUnderKeys(db: ResolutionDb, keys: readonly string[], blockCap: number): Promise<Set<string>> {
  const recordKeys = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const both = db
      .selectFrom('block_keys')
      .select(['key', 'record_key'])
      .where('key', 'in', chunk)
      .unionAll(db.selectFrom('block_keys_recent').select(['key', 'record_key']).where('key', 'in', chunk));
    // At most cap + 1 rows per key leave the database: enough to see a block is oversized
    // without carrying every record of a common name over to be thrown away.
    const numbered = db.selectFrom(both.as('u')).select(['u.key', 'u.record_key', sql<number>`row_number() over (partition by u.key)`.as('n')]);
    const rows = await db.selectFrom(numbered.as('b')).select(['b.key', 'b.record_key']).where('b.n', '<=', blockCap + 1).execute();
    const byKey = new Map<string, string[]>();
    for (const r of rows) {
      const records = byKey.get(r.key);
      if (records === undefined) byKey.set(r.key, [r.record_key]);
      else records.push(r.record_key);
    }
    // An oversized block (a common name alone) proposes no candidates, as in the engine's own index.
    for (const records of byKey.values()) if (records.length <= blockCap) for (const k of records) recordKeys.add(k);
  }
  return recordKeys;
}

/**
 * Moves the keys of recent runs into the large table, in key order (each of its index pages is
 * then written once for all of them), when there are at least `atLeast`. Returns how many moved.
 */
export async function mergeRecentBlockKeys(db: ResolutionDb, atLeast: number): Promise<number> {
  const probe = await db.selectFrom('block_keys_recent').select('key').offset(Math.max(0, atLeast - 1)).limit(1).execute();
  if (probe.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('block_keys')
      .columns(['key', 'record_key'])
      .expression(trx.selectFrom('block_keys_recent').select(['key', 'record_key']).orderBy('key'))
      .execute();
    const moved = await trx.deleteFrom('block_keys_recent').executeTakeFirst();
    return Number(moved.numDeletedRows);
  });
}

/** A first load files every key before the large table's index exists: building it once is cheaper. */
export async function dropBlockKeyIndex(db: ResolutionDb): Promise<void> {
  await db.schema.dropIndex('block_keys_by_key').ifExists().execute();
}

export async function createBlockKeyIndex(db: ResolutionDb): Promise<void> {
  await db.schema.createIndex('block_keys_by_key').ifNotExists().on('block_keys').column('key').execute();
}
