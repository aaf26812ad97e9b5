// Migration 0017 on a SQLite store that holds links already: every link is kept, the table now
// lives in its key's B-tree (no rowid), and both lookups it serves read one B-tree each.

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.js';

function migratorOf(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations) } });
}

describe('migration 0017: person_links without rowid (SQLite)', () => {
  it('keeps every link, in a table keyed by record role, with the person index beside it', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      const before = await migratorOf(db).migrateTo('0016_indicator_dirty');
      expect(before.error).toBeUndefined();
      const links = Array.from({ length: 1200 }, (_, i) => ({
        source: i % 3 === 0 ? 'police' : 'insurance',
        record_id: `r${i}`,
        role: i % 5 === 0 ? 'guardian' : 'subject',
        person_id: `P${i % 400}`,
        content_hash: `h${i}`,
        linked_at: '2026-12-07T00:00:00.000Z',
      }));
      const insert = sqlite.prepare('insert into person_links (source, record_id, role, person_id, content_hash, linked_at) values (@source, @record_id, @role, @person_id, @content_hash, @linked_at)');
      for (const link of links) insert.run(link);

      const after = await migratorOf(db).migrateToLatest();
      expect(after.error).toBeUndefined();
      expect(after.results?.map((r) => r.migrationName)).toContain('0017_person_links_clustered');

      const kept = (await sql<Record<string, string>>`select * from person_links order by source, record_id, role`.execute(db)).rows;
      const expected = [...links].sort((a, b) => (a.source + '\u0001' + a.record_id < b.source + '\u0001' + b.record_id ? -1 : 1));
      expect(kept).toEqual(expected);

      const table = sqlite.prepare("select sql from sqlite_master where type = 'table' and name = 'person_links'").get() as { sql: string };
      expect(table.sql.toLowerCase()).toContain('without rowid');
      const plan = (query: string): string => (sqlite.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
      expect(plan("select person_id from person_links where source = 'police' and record_id in ('r0', 'r3')")).toContain('USING PRIMARY KEY');
      expect(plan("select source, record_id, role from person_links where person_id = 'P1'")).toContain('COVERING INDEX person_links_by_person_key');
      // Writes still meet the key's constraint.
      expect(() => sqlite.prepare("insert into person_links values ('police', 'r0', 'guardian', 'P9', 'x', 'y')").run()).toThrow(/UNIQUE|PRIMARY/);
    } finally {
      await db.destroy();
    }
  });
});
