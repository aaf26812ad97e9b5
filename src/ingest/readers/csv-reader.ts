// Reads a .csv file as a RowSource: decoded in chunks, split into records by CsvRecordParser,
// the first non-blank record taken as the header, every later record turned into a row or a
// bad row (never dropped), so rows + bad rows equals the records in the file.

import { CsvRecordParser, type CsvRecord } from './csv-parser.js';
import { openText } from './decode.js';
import { asBadFile, badFile } from './file-errors.js';
import { REPLACEMENT_CHAR, badRow, checkHeader, dataRow, makeCells } from './row-builders.js';
import type { BadRow, DataRow, FileEncoding, RowSource } from './types.js';

export interface CsvReadOptions {
  encoding: FileEncoding;
  maxRecordBytes: number;
}

export async function openCsv(path: string, options: CsvReadOptions): Promise<RowSource> {
  const text = await openText(path, options.encoding);
  const records = readRecords(path, text.chunks, options.maxRecordBytes);
  const close = async (): Promise<void> => {
    await records.return(undefined);
    await text.close();
  };
  let start: { header: string[]; rest: CsvRecord[] };
  try {
    start = await readHeader(path, records);
  } catch (error) {
    await close();
    throw asBadFile(path, error);
  }
  return { header: start.header, rows: toRows(start.rest, records, start.header, options.encoding, close), close };
}

/** Non-blank records, a chunk's worth at a time: one async step per chunk rather than per record. */
async function* readRecords(path: string, chunks: AsyncIterable<string>, maxRecordBytes: number): AsyncGenerator<CsvRecord[], void, undefined> {
  const parser = new CsvRecordParser(maxRecordBytes);
  try {
    for await (const chunk of chunks) {
      const records = parser.push(chunk).filter((record) => !record.blank);
      if (records.length > 0) yield records;
    }
  } catch (error) {
    throw asBadFile(path, error);
  }
  const last = parser.end().filter((record) => !record.blank);
  if (last.length > 0) yield last;
}

/** Reads the header; returns it with the records that came in the same chunk after it. */
async function readHeader(path: string, batches: AsyncGenerator<CsvRecord[], void, undefined>): Promise<{ header: string[]; rest: CsvRecord[] }> {
  const first = await batches.next();
  if (first.done === true) throw badFile(path, '没有表头行（文件只有空行）', 'there is no header row (the file holds only blank lines)');
  // readRecords never yields an empty batch.
  const [headerRecord, ...rest] = first.value as [CsvRecord, ...CsvRecord[]];
  if (headerRecord.problem !== undefined) {
    throw badFile(path, `表头行格式错误（${headerRecord.problem}）`, `the header row is malformed (${headerRecord.problem})`);
  }
  return { header: checkHeader(path, headerRecord.fields), rest };
}

async function* toRows(
  first: CsvRecord[],
  batches: AsyncGenerator<CsvRecord[], void, undefined>,
  header: string[],
  encoding: FileEncoding,
  close: () => Promise<void>,
): AsyncGenerator<DataRow | BadRow, void, undefined> {
  try {
    for (const record of first) yield toRow(record, header, encoding);
    for await (const batch of batches) {
      for (const record of batch) yield toRow(record, header, encoding);
    }
  } finally {
    // Also when the consumer stops early: the file is released either way.
    await close();
  }
}

function toRow(record: CsvRecord, header: readonly string[], encoding: FileEncoding): DataRow | BadRow {
  const { line, fields, raw, problem } = record;
  if (problem !== undefined) return badRow(line, 'malformed_row', problem, raw);
  // Checked before the cell count: a broken multi-byte character is the cause, not the effect.
  if (fields.some((field) => field.includes(REPLACEMENT_CHAR))) {
    return badRow(line, 'bad_encoding', `row holds bytes that are not valid ${encoding} (or a U+FFFD replacement character)`, raw);
  }
  if (fields.length !== header.length) {
    return badRow(line, 'malformed_row', `expected ${header.length} cells as in the header, found ${fields.length}`, raw);
  }
  return dataRow(line, makeCells(header, fields));
}
