// The contract between the file readers and the ingest pipeline: what a reader is asked for
// (ReadOptions) and what it hands back (a header and a lazy stream of rows, good or bad).

export type FileFormat = 'csv' | 'xlsx' | 'jsonl';
export type FileEncoding = 'utf-8' | 'gb18030';

export interface ReadOptions {
  /** Default: from the extension (.csv .xlsx .jsonl/.ndjson); anything else is AppError bad_file. */
  format?: FileFormat;
  /** Default utf-8 (a BOM is allowed and skipped). Ignored for xlsx. */
  encoding?: FileEncoding;
  /** xlsx only: the sheet to read by name (default: the first sheet of the workbook). */
  sheet?: string;
  /** Default 1 MiB, measured as the UTF-8 size of the row's text: a larger row becomes a
   *  malformed_row BadRow and reading goes on. */
  maxRecordBytes?: number;
}

/**
 * One readable row. `line` is the 1-based physical line where the row starts (csv/jsonl) or
 * the sheet row number (xlsx). `cells` is keyed by header name, values trimmed ('' when empty);
 * it has no prototype, so a column named `__proto__` or `constructor` is just a column.
 */
export interface DataRow {
  kind: 'row';
  line: number;
  cells: Record<string, string>;
}

export type BadRowReason = 'malformed_row' | 'bad_encoding';

/** A row that could not be read. `raw` is the row's text, cut to RAW_TEXT_LIMIT characters. */
export interface BadRow {
  kind: 'bad';
  line: number;
  reason: BadRowReason;
  detail: string;
  raw: string;
}

export interface RowSource {
  /**
   * Column names in file order. For jsonl it is the union of the keys of the first 1,000
   * objects; a key first seen later is appended when its row is read (its cells still come
   * through).
   */
  header: string[];
  /** Rows in file order; iterate once. Ending the iteration early releases the file. */
  rows: AsyncIterable<DataRow | BadRow>;
  /** Releases the file without reading the rows (e.g. when the mapping does not fit the header). */
  close(): Promise<void>;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
export const RAW_TEXT_LIMIT = 2000;
