// The store's blocking-key index: the records filed under each key, in a large table (a first
// load's keys, its index built afterwards) and a small one (keys of incremental runs, moved into the
// large one in bulk: migration 0013). Lookups read both; a block's cap counts across both.

import type { ResolutionDb } from './load-inputs.js';

/**
 * Record keys filed under any of `keys`, leaving out blocks of more than `blockCap` records.
 * Both tables are read with a plain `IN` on their key index and the cap is counted here: numbering
 * each key's rows in the database (a window over the union) made it sort every row found, and took
 * 1.5–2.5× as long on the same keys (8,260 keys of a 1,000-record batch at 31k persons: 280–523 ms
 * against 132–203 ms). A common name's block is read whole either way: the window numbered all of it too.
 */
export async function recordsUnderKeys(db: ResolutionDb, keys: readonly string[], blockCap: number): Promise<Set<string>> {
  const byKey = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db
      .selectFrom('block_keys')
      .select(['key', 'record_key'])
      .where('key', 'in', chunk)
      .unionAll(db.selectFrom('block_keys_recent').select(['key', 'record_key']).where('key', 'in', chunk))
      .execute();
    for (const r of rows) {
      const records = byKey.get(r.key);
      if (records === undefined) byKey.set(r.key, [r.record_key]);
      else if (records.length <= blockCap) records.push(r.record_key);
    }
  }
  // An oversized block (a common name alone) proposes no candidates, as in the engine's own index.
  const recordKeys = new Set<string>();
  for (const records of byKey.values()) if (records.length <= blockCap) for (const k of records) recordKeys.add(k);
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
