// Reads a .jsonl / .ndjson file as a RowSource: one JSON object per line, keys as column names.
// Objects need not share their keys, so the header is the union of the keys of the first 1,000
// objects (read ahead, within a memory cap); a key first seen later is appended to the header
// when its row is read, and that row's cells carry it.

import { openText } from './decode.js';
import { asBadFile, badFile } from './file-errors.js';
import { jsonCellText, quoteUnsafeIntegers } from './jsonl-values.js';
import { LineSplitter, type TextLine } from './line-splitter.js';
import { REPLACEMENT_CHAR, badRow, dataRow, emptyCells, tooLargeDetail } from './row-builders.js';
import type { BadRow, DataRow, FileEncoding, RowSource } from './types.js';

export interface JsonlReadOptions {
  encoding: FileEncoding;
  maxRecordBytes: number;
}

/** Objects read ahead to find the header, and the most text held while doing so. */
export const HEADER_LOOKAHEAD_OBJECTS = 1000;
const HEADER_LOOKAHEAD_CHARS = 8 * 1024 * 1024;

interface ObjectLine {
  kind: 'object';
  line: number;
  value: Record<string, unknown>;
}

type ParsedLine = ObjectLine | BadRow;

export async function openJsonl(path: string, options: JsonlReadOptions): Promise<RowSource> {
  const text = await openText(path, options.encoding);
  const batches = readLines(path, text.chunks, options.maxRecordBytes);
  const close = async (): Promise<void> => {
    await batches.return(undefined);
    await text.close();
  };
  let ahead: ReadAhead;
  let header: string[];
  try {
    ahead = await readAhead(batches, options);
    header = headerOf(path, ahead.parsed);
  } catch (error) {
    await close();
    throw asBadFile(path, error);
  }
  return { header, rows: toRows(ahead, batches, header, options, close), close };
}

/** Non-blank lines, a chunk's worth at a time: one async step per chunk rather than per line. */
async function* readLines(path: string, chunks: AsyncIterable<string>, maxRecordBytes: number): AsyncGenerator<TextLine[], void, undefined> {
  const splitter = new LineSplitter(maxRecordBytes);
  try {
    for await (const chunk of chunks) {
      const lines = splitter.push(chunk).filter(isNotBlank);
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    throw asBadFile(path, error);
  }
  const last = splitter.end().filter(isNotBlank);
  if (last.length > 0) yield last;
}

function isNotBlank(line: TextLine): boolean {
  return line.isOversized || line.text.trim() !== '';
}

interface ReadAhead {
  parsed: ParsedLine[];
  /** Lines of the last batch read that the look-ahead did not need. */
  unparsed: TextLine[];
}

async function readAhead(batches: AsyncGenerator<TextLine[], void, undefined>, options: JsonlReadOptions): Promise<ReadAhead> {
  const parsed: ParsedLine[] = [];
  let objects = 0;
  let chars = 0;
  while (objects < HEADER_LOOKAHEAD_OBJECTS && chars < HEADER_LOOKAHEAD_CHARS) {
    const next = await batches.next();
    if (next.done === true) break;
    const lines = next.value;
    for (let i = 0; i < lines.length; i++) {
      if (objects >= HEADER_LOOKAHEAD_OBJECTS || chars >= HEADER_LOOKAHEAD_CHARS) return { parsed, unparsed: lines.slice(i) };
      const line = lines[i]!;
      const result = parseLine(line, options);
      parsed.push(result);
      chars += line.text.length;
      if (result.kind === 'object') objects++;
    }
  }
  return { parsed, unparsed: [] };
}

function headerOf(path: string, ahead: readonly ParsedLine[]): string[] {
  if (ahead.length === 0) throw badFile(path, '文件只有空行', 'the file holds only blank lines');
  const keys = new Set<string>();
  for (const parsed of ahead) {
    if (parsed.kind === 'object') for (const key of Object.keys(parsed.value)) keys.add(key);
  }
  if (!ahead.some((parsed) => parsed.kind === 'object')) {
    throw badFile(
      path,
      `前 ${ahead.length} 个非空行中没有一个是 JSON 对象（jsonl 要求每行一个对象）`,
      `none of the first ${ahead.length} non-blank lines is a JSON object (jsonl needs one object per line)`,
    );
  }
  return [...keys];
}

async function* toRows(
  ahead: ReadAhead,
  batches: AsyncGenerator<TextLine[], void, undefined>,
  header: string[],
  options: JsonlReadOptions,
  close: () => Promise<void>,
): AsyncGenerator<DataRow | BadRow, void, undefined> {
  const known = new Set(header);
  try {
    for (const parsed of ahead.parsed) yield toRow(parsed, header, known);
    for (const line of ahead.unparsed) yield toRow(parseLine(line, options), header, known);
    for await (const lines of batches) {
      for (const line of lines) yield toRow(parseLine(line, options), header, known);
    }
  } finally {
    // Also when the consumer stops early: the file is released either way.
    await close();
  }
}

function toRow(parsed: ParsedLine, header: string[], known: Set<string>): DataRow | BadRow {
  if (parsed.kind === 'bad') return parsed;
  const { value } = parsed;
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      known.add(key);
      header.push(key);
    }
  }
  const cells = emptyCells();
  // Object.hasOwn: a missing key must read as '', not as an inherited `constructor` or `toString`.
  for (const key of header) cells[key] = Object.hasOwn(value, key) ? jsonCellText(value[key]) : '';
  return dataRow(parsed.line, cells);
}

function parseLine({ line, text, isOversized }: TextLine, options: JsonlReadOptions): ParsedLine {
  if (isOversized) return badRow(line, 'malformed_row', tooLargeDetail(options.maxRecordBytes), text);
  let value: unknown;
  try {
    value = JSON.parse(quoteUnsafeIntegers(text));
  } catch {
    // The parser's message quotes the line's content; the content belongs in raw only.
    return badRow(line, 'malformed_row', 'line is not valid JSON', text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return badRow(line, 'malformed_row', `line is ${kind}, not a JSON object`, text);
  }
  const object = value as Record<string, unknown>;
  if (Object.hasOwn(object, '')) return badRow(line, 'malformed_row', 'an object key is empty: it cannot name a column', text);
  if (text.includes(REPLACEMENT_CHAR)) {
    return badRow(line, 'bad_encoding', `line holds bytes that are not valid ${options.encoding} (or a U+FFFD replacement character)`, text);
  }
  return { kind: 'object', line, value: object };
}
