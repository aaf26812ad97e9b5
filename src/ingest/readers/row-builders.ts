// Small pieces every reader shares: checking a header, building the cells of a row, building a
// bad row, and measuring a row against maxRecordBytes.

import { badFile } from './file-errors.js';
import { RAW_TEXT_LIMIT, type BadRow, type BadRowReason, type DataRow } from './types.js';

/** U+FFFD is what both decoders put where bytes were not valid text. */
export const REPLACEMENT_CHAR = '\uFFFD';

/**
 * Trims header names and refuses empty or repeated ones: a nameless or ambiguous column cannot
 * be mapped, and guessing would put values under the wrong field.
 */
export function checkHeader(file: string, names: readonly string[]): string[] {
  const header = names.map((name) => name.replace(/^\uFEFF/, '').trim());
  const seen = new Set<string>();
  header.forEach((name, index) => {
    const position = index + 1;
    if (name === '') {
      throw badFile(file, `表头第 ${position} 列的列名为空`, `column ${position} of the header has no name`);
    }
    if (seen.has(name)) {
      throw badFile(file, `表头中列名“${name}”重复（第 ${position} 列）`, `column name "${name}" appears twice in the header (column ${position})`);
    }
    if (name.includes(REPLACEMENT_CHAR)) {
      throw badFile(file, `表头第 ${position} 列含有无法解码的字节，请检查编码设置`, `column ${position} of the header holds bytes that do not decode; check the encoding`);
    }
    seen.add(name);
  });
  return header;
}

/**
 * The prototype of every cells object: empty and frozen, so that '__proto__', 'constructor' or
 * 'toString' are ordinary own keys and nothing is inherited. (Object.create(null) would do the
 * same but makes V8 keep each object as a slow dictionary.)
 */
const CELLS_PROTOTYPE: object = Object.freeze(Object.create(null) as object);

export function emptyCells(): Record<string, string> {
  return Object.create(CELLS_PROTOTYPE) as Record<string, string>;
}

/** Cells keyed by header, values trimmed. */
export function makeCells(header: readonly string[], values: readonly string[]): Record<string, string> {
  const cells = emptyCells();
  for (let i = 0; i < header.length; i++) {
    cells[header[i]!] = (values[i] ?? '').trim();
  }
  return cells;
}

export function dataRow(line: number, cells: Record<string, string>): DataRow {
  return { kind: 'row', line, cells };
}

export function badRow(line: number, reason: BadRowReason, detail: string, raw: string): BadRow {
  return { kind: 'bad', line, reason, detail, raw: raw.length > RAW_TEXT_LIMIT ? raw.slice(0, RAW_TEXT_LIMIT) : raw };
}

/** True when `text` takes more than `maxBytes` in UTF-8; counts bytes only when it could matter. */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true; // a UTF-16 unit is at least one UTF-8 byte
  if (text.length * 3 <= maxBytes) return false; // and at most three
  return Buffer.byteLength(text, 'utf8') > maxBytes;
}

export function tooLargeDetail(maxBytes: number): string {
  return `row is larger than maxRecordBytes (${maxBytes} bytes)`;
}
