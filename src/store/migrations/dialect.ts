// What a migration asks of the database it runs on, where the two engines' schemas differ.

import { sql, type Kysely } from 'kysely';

/** Whether `db` is PostgreSQL: there `1 = 1` is a boolean, in SQLite the integer 1. */
export async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ t: unknown }>`select 1 = 1 as t`.execute(db);
  return rows[0]?.t === true;
}
