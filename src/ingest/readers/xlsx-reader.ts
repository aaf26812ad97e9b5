// Reads one sheet of an .xlsx workbook as a RowSource with ExcelJS's streaming reader, so memory
// does not grow with the number of rows (it does hold the workbook's shared-string table, which
// Excel keeps once per distinct text). The first non-empty row is the header.

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import ExcelJS, { type CellValue, type Row } from 'exceljs';
import { asBadFile, badFile } from './file-errors.js';
import { badRow, checkHeader, dataRow, exceedsUtf8Bytes, makeCells, tooLargeDetail } from './row-builders.js';
import type { BadRow, DataRow, RowSource } from './types.js';
import { cellText } from './xlsx-values.js';

export interface XlsxReadOptions {
  sheet?: string | undefined;
  maxRecordBytes: number;
}

/** The parts of ExcelJS's streaming reader used here that its type declarations leave out. */
interface SheetReader {
  name?: string;
  [Symbol.asyncIterator](): AsyncGenerator<Row>;
}
interface WorkbookReaderState {
  model?: { sheets?: { name?: string }[] };
  properties?: { date1904?: boolean };
}

const READER_OPTIONS = {
  sharedStrings: 'cache', // resolve shared-string indexes to their text
  styles: 'cache', // needed to tell dates from numbers
  hyperlinks: 'ignore', // a hyperlink cell then reads as its text
  worksheets: 'emit',
  entries: 'ignore',
} as const;

export async function openXlsx(path: string, options: XlsxReadOptions): Promise<RowSource> {
  await checkIsZip(path);
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, READER_OPTIONS);
  const state = workbook as unknown as WorkbookReaderState;
  const sheets = workbook[Symbol.asyncIterator]() as AsyncGenerator<SheetReader>;
  const close = async (): Promise<void> => {
    input.destroy();
    await sheets.return(undefined).catch(() => undefined);
  };
  try {
    const sheet = await findSheet(path, sheets, state, options.sheet);
    const rows = sheet[Symbol.asyncIterator]();
    const date1904 = state.properties?.date1904 === true;
    const headerRow = await nextNonEmptyRow(rows, date1904);
    if (headerRow === undefined) throw badFile(path, `工作表“${sheet.name ?? ''}”是空的`, `sheet "${sheet.name ?? ''}" is empty`);
    const header = checkHeader(path, dropTrailingEmpty(headerRow.texts));
    return { header, rows: readRows(path, rows, header, date1904, options.maxRecordBytes, close), close };
  } catch (error) {
    await close();
    throw asBadFile(path, error);
  }
}

/** An .xlsx file is a zip archive; say so plainly instead of letting the unzipper fail. */
async function checkIsZip(path: string): Promise<void> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw asBadFile(path, error);
  }
  if (head.length === 0) throw badFile(path, '文件是空的', 'the file is empty');
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    throw badFile(path, '这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx', 'this is an old .xls file; save it as .xlsx in Excel');
  }
  if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
    throw badFile(path, '不是有效的 .xlsx 文件', 'this is not a valid .xlsx file');
  }
}

async function findSheet(path: string, sheets: AsyncGenerator<SheetReader>, state: WorkbookReaderState, wanted: string | undefined): Promise<SheetReader> {
  const seen: string[] = [];
  for (;;) {
    const next = await sheets.next();
    if (next.done === true) break;
    const sheet = next.value;
    // Without a name asked for, the first sheet in the workbook's tab order (not zip order).
    const target = wanted ?? state.model?.sheets?.[0]?.name;
    if (target === undefined || sheet.name === target) return sheet;
    if (sheet.name !== undefined) seen.push(sheet.name);
  }
  const names = state.model?.sheets?.flatMap((s) => (s.name === undefined ? [] : [s.name])) ?? seen;
  if (wanted === undefined || names.length === 0) throw badFile(path, '工作簿中没有工作表', 'the workbook has no sheet');
  throw badFile(
    path,
    `没有名为“${wanted}”的工作表；文件中的工作表有：${names.map((n) => `“${n}”`).join('、')}`,
    `there is no sheet named "${wanted}"; the sheets are: ${names.map((n) => `"${n}"`).join(', ')}`,
  );
}

interface SheetRow {
  number: number;
  texts: string[];
}

function rowTexts(row: Row, date1904: boolean): string[] {
  const values = row.values as CellValue[];
  const texts: string[] = [];
  for (let col = 1; col < values.length; col++) {
    const value = values[col];
    // Only a formula result needs the cell's number format (to tell a date from a number).
    const isFormula = typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
    texts.push(cellText(value, isFormula ? { numFmt: row.getCell(col).numFmt, date1904 } : {}).trim());
  }
  return texts;
}

async function nextNonEmptyRow(rows: AsyncGenerator<Row>, date1904: boolean, previous = 0): Promise<SheetRow | undefined> {
  let last = previous;
  for (;;) {
    const next = await rows.next();
    if (next.done === true) return undefined;
    // A row without its r="" attribute follows the one before it.
    const number = Number.isInteger(next.value.number) ? next.value.number : last + 1;
    last = number;
    const texts = rowTexts(next.value, date1904);
    if (texts.some((t) => t !== '')) return { number, texts };
  }
}

function dropTrailingEmpty(texts: readonly string[]): string[] {
  let end = texts.length;
  while (end > 0 && texts[end - 1] === '') end--;
  return texts.slice(0, end);
}

async function* readRows(
  path: string,
  rows: AsyncGenerator<Row>,
  header: string[],
  date1904: boolean,
  maxRecordBytes: number,
  close: () => Promise<void>,
): AsyncGenerator<DataRow | BadRow, void, undefined> {
  let last = 0;
  try {
    for (;;) {
      const row = await nextNonEmptyRow(rows, date1904, last);
      if (row === undefined) break;
      last = row.number;
      yield toRow(row, header, maxRecordBytes);
    }
  } catch (error) {
    throw asBadFile(path, error);
  } finally {
    // The workbook may hold more sheets; this one is done.
    await close();
  }
}

function toRow({ number, texts }: SheetRow, header: readonly string[], maxRecordBytes: number): DataRow | BadRow {
  const outside = texts.findIndex((text, index) => index >= header.length && text !== '');
  if (outside !== -1) {
    return badRow(number, 'malformed_row', `cell in column ${outside + 1} is outside the header's ${header.length} columns`, JSON.stringify(texts));
  }
  if (exceedsUtf8Bytes(texts.join(''), maxRecordBytes)) {
    return badRow(number, 'malformed_row', tooLargeDetail(maxRecordBytes), JSON.stringify(texts));
  }
  return dataRow(number, makeCells(header, texts));
}
