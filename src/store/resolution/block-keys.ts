// The store's blocking-key index: the records filed under each key, in a large table (a first
// load's keys, its index built afterwards) and a small one (keys of incremental runs, moved into the
// large one in bulk: migration 0013). Lookups read both; a block's cap counts across both.

import type { ResolutionDb } from './load-inputs.js';

/**
 * The records filed under each of `keys` (null for a block of more than `blockCap` records; a key
 * with none is absent). Both tables are read with a plain `IN` on their key index and the cap is
 * counted here: numbering each key's rows in the database (a window over the union) made it sort
 * every row found, and took 1.5–2.5× as long on the same keys (8,260 keys of a 1,000-record batch
 * at 31k persons: 280–523 ms against 132–203 ms). A common name's block is read whole either way.
 */
export async function recordsByKey(db: ResolutionDb, keys: readonly string[], blockCap: number): Promise<Map<string, string[] | null>> {
  const byKey = new Map<string, string[] | null>();
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
      else if (records !== null) {
        if (records.length < blockCap) records.push(r.record_key);
        else byKey.set(r.key, null);
      }
    }
  }
  return byKey;
}

const keySlot = '\u0000block-key\u0000';

/**
 * `recordsByKey` one key at a time, reading at most `blockCap + 1` rows of each table: a block over
 * the cap is not read whole. For keys that are often oversized (a name alone: at 1M persons half
 * of a batch's names gather more than 64 named records, some thousands), where reading every row
 * of their blocks took 1.1 s for a batch's 935 names. Two statements compiled once and bound per key.
 */
export async function cappedRecordsByKey(db: ResolutionDb, keys: readonly string[], blockCap: number): Promise<Map<string, string[] | null>> {
  const tables = (['block_keys', 'block_keys_recent'] as const).map((table) => db.selectFrom(table).select('record_key').where('key', '=', keySlot).limit(blockCap + 1).compile());
  const byKey = new Map<string, string[] | null>();
  for (const key of new Set(keys)) {
    const records: string[] = [];
    for (const query of tables) {
      const { rows } = await db.executeQuery<{ record_key: string }>({ ...query, parameters: query.parameters.map((p) => (p === keySlot ? key : p)) });
      for (const r of rows) records.push(r.record_key);
      if (records.length > blockCap) break;
    }
    if (records.length > blockCap) byKey.set(key, null);
    else if (records.length > 0) byKey.set(key, records);
  }
  return byKey;
}

/** Record keys filed under any of `keys`; an oversized block (a common name alone) proposes none, as in the engine's own index. */
export async function recordsUnderKeys(db: ResolutionDb, keys: readonly string[], blockCap: number): Promise<Set<string>> {
  const recordKeys = new Set<string>();
  for (const records of (await recordsByKey(db, keys, blockCap)).values()) if (records !== null) for (const k of records) recordKeys.add(k);
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
  await db.schema.dropIndex('block_keys_by_key_record').ifExists().execute();
}

/** With the record key in it, a block is read from the index alone (migration 0014). */
export async function createBlockKeyIndex(db: ResolutionDb): Promise<void> {
  await db.schema.createIndex('block_keys_by_key_record').ifNotExists().on('block_keys').columns(['key', 'record_key']).execute();
}
