// Kysely's SQLite driver prepares every query afresh; on a hot read path (the API's person view)
// preparing costs as much as running. This hands Kysely a database whose `prepare` reuses
// statements by SQL text (at most `capacity`, least recently used dropped), and prepares anew
// when the cached statement is still busy (a streaming iteration holds it).

import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export function withStatementCache(db: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (sql: string) => {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        // Re-inserted to mark it recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
