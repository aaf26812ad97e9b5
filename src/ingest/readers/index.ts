// The one entry point the ingest pipeline uses to read a source file, whatever its format.

import { extname } from 'node:path';
import { openCsv } from './csv-reader.js';
import { badFile } from './file-errors.js';
import { openJsonl } from './jsonl-reader.js';
import { DEFAULT_MAX_RECORD_BYTES, type FileFormat, type ReadOptions, type RowSource } from './types.js';
import { openXlsx } from './xlsx-reader.js';

export type { BadRow, BadRowReason, DataRow, FileEncoding, FileFormat, ReadOptions, RowSource } from './types.js';
export { DEFAULT_MAX_RECORD_BYTES, RAW_TEXT_LIMIT } from './types.js';

const FORMAT_BY_EXTENSION: Readonly<Record<string, FileFormat>> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/**
 * Opens a source file: reads and checks its header now (so a bad file fails before anything is
 * written) and its rows lazily. Throws AppError bad_file for a file that cannot be read at all.
 */
export async function openRows(path: string, options: ReadOptions = {}): Promise<RowSource> {
  const format = options.format ?? formatFromExtension(path);
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const encoding = options.encoding ?? 'utf-8';
  switch (format) {
    case 'csv':
      return openCsv(path, { encoding, maxRecordBytes });
    case 'jsonl':
      return openJsonl(path, { encoding, maxRecordBytes });
    case 'xlsx':
      return openXlsx(path, { sheet: options.sheet, maxRecordBytes });
  }
}

export function formatFromExtension(path: string): FileFormat {
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (format === undefined) {
    throw badFile(
      path,
      '无法从扩展名判断文件格式（支持 .csv、.xlsx、.jsonl、.ndjson）',
      'cannot tell the format from the extension (expected .csv, .xlsx, .jsonl or .ndjson)',
    );
  }
  return format;
}
