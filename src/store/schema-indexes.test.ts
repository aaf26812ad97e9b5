// The schema's indexes on both stores: none is a prefix of another on the same table. Such an index
// answers no lookup the longer one cannot, and costs a B-tree update on every write of its table.

import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFactories, type TestStore } from '../test-support/stores.js';

interface IndexRow {
  tbl: string;
  idx: string;
  cols: string;
  uniq: number | boolean;
}

async function indexesOf(name: 'sqlite' | 'postgres', db: Kysely<unknown>): Promise<IndexRow[]> {
  if (name === 'sqlite') {
    const rows = await sql<IndexRow>`
      select m.tbl_name as tbl, m.name as idx, l."unique" as uniq,
             (select group_concat(name, ',') from (select ii.name from pragma_index_info(m.name) ii order by ii.seqno)) as cols
      from sqlite_master m join pragma_index_list(m.tbl_name) l on l.name = m.name
      where m.type = 'index'`.execute(db);
    return rows.rows;
  }
  const rows = await sql<IndexRow>`
    select t.relname as tbl, i.relname as idx, ix.indisunique as uniq,
           array_to_string(array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
                                 join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord), ',') as cols
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema()`.execute(db);
  return rows.rows;
}

describe.each(storeFactories)('schema indexes on $name', (factory) => {
  let t: TestStore;
  let indexes: IndexRow[] = [];

  beforeAll(async () => {
    if (!factory.available) return;
    t = await factory.open();
    indexes = await indexesOf(factory.name, t.store.resolution.kysely as unknown as Kysely<unknown>);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.runIf(factory.available)('reads the indexes of the migrated schema', () => {
    // The check below would pass on an empty list: make sure it sees the schema.
    expect(indexes.some((i) => i.tbl === 'persons' && i.cols === 'id_number,person_id')).toBe(true);
    expect(indexes.some((i) => i.tbl === 'block_keys' && i.cols === 'key,record_key')).toBe(true);
  });

  it.runIf(factory.available)('has no index that is a prefix of another on the same table', () => {
    const redundant: string[] = [];
    for (const a of indexes) {
      if (a.uniq === true || a.uniq === 1) continue;
      const cols = a.cols.split(',');
      for (const b of indexes) {
        if (b.idx === a.idx || b.tbl !== a.tbl) continue;
        const other = b.cols.split(',');
        if (other.length >= cols.length && cols.every((c, i) => other[i] === c)) redundant.push(`${a.tbl}.${a.idx} (${a.cols}) ⊑ ${b.idx} (${b.cols})`);
      }
    }
    expect(redundant).toEqual([]);
  });
});
