// Bulk inserts of many rows of one shape (block keys, links, golden records, views), for both
// dialects. Kysely's builder parses each row's values into a tree of operation nodes, freezes it
// and compiles it back to text: for a first resolution's ~10M rows that was ~27 s of a 380 s run
// at 308k persons (and much of its garbage), more than SQLite took to store some of them. Here the
// statement's text is written once per shape and chunk size (so SQLite's statement cache reuses
// it) and the values are bound as they are: the same rows, the same SQL, no per-row objects.
// Identifiers come from the code, never from input; values are always bound parameters.

import { CompiledQuery, sql, type Kysely } from 'kysely';

/** What a bulk insert needs of a database or transaction, whatever its tables. */
type Executes = Pick<Kysely<unknown>, 'executeQuery' | 'getExecutor'>;

/** Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
export const maxBindParams = 30_000;

export interface BulkInsertOptions<Column extends string> {
  /**
   * On a unique-key conflict over `columns`: keep the stored row, or set `update`'s columns from
   * the row being inserted (SQLite's and PostgreSQL's `on conflict … do update`, `excluded.`).
   */
  onConflict?: { columns: readonly Column[]; update?: readonly Column[] };
  /** Rows per statement at most (default: as many as `maxBindParams` allows). */
  maxRows?: number;
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** `?` (SQLite) or `$n` (PostgreSQL), as the database's own compiler writes a parameter. */
function placeholderStyle(db: Executes): 'question' | 'dollar' {
  return sql`select ${0}`.compile(db).sql.includes('$1') ? 'dollar' : 'question';
}

function statementText(table: string, columns: readonly string[], rows: number, style: 'question' | 'dollar', options: BulkInsertOptions<string>): string {
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const marks: string[] = [];
    for (let c = 0; c < columns.length; c++) marks.push(style === 'question' ? '?' : `$${++n}`);
    tuples.push(`(${marks.join(', ')})`);
  }
  let text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
  const conflict = options.onConflict;
  if (conflict !== undefined) {
    const target = `on conflict (${conflict.columns.map(quote).join(', ')})`;
    const update = conflict.update ?? [];
    text += update.length === 0 ? ` ${target} do nothing` : ` ${target} do update set ${update.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`;
  }
  return text;
}

/**
 * Inserts `rows` into `table`, as many to a statement as the bind limit allows. Every row must have
 * the columns of the first (a column a row leaves out is bound as null, not the column's default).
 */
export async function bulkInsert<Row extends object>(db: Executes, table: string, rows: readonly Row[], options: BulkInsertOptions<keyof Row & string> = {}): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  if (columns.length === 0) throw new Error(`bulk insert into ${table}: a row has no columns`);
  const style = placeholderStyle(db);
  const perStatement = Math.max(1, Math.min(options.maxRows ?? Infinity, Math.floor(maxBindParams / columns.length)));
  const texts = new Map<number, string>();
  for (let start = 0; start < rows.length; start += perStatement) {
    const count = Math.min(perStatement, rows.length - start);
    let text = texts.get(count);
    if (text === undefined) texts.set(count, (text = statementText(table, columns, count, style, options)));
    const parameters: unknown[] = new Array(count * columns.length);
    let p = 0;
    for (let r = start; r < start + count; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (const column of columns) parameters[p++] = row[column] ?? null;
    }
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
