// Reads one sheet of an .xlsx workbook as a RowSource. The package's parts are found through the
// zip's central directory (xlsx-package.ts) and the sheet is streamed through an XML parser
// (xlsx-sheet.ts), so memory does not grow with the number of rows (it does hold the workbook's
// shared-string table, which Excel keeps once per distinct text). The first non-empty row is the
// header. ExcelJS, which built row and cell objects for every cell, read several times slower; it
// still writes the exports.

import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { asBadFile, badFile } from './file-errors.js';
import { badRow, checkHeader, dataRow, exceedsUtf8Bytes, makeCells, tooLargeDetail } from './row-builders.js';
import type { BadRow, DataRow, RowSource } from './types.js';
import { openXlsxPackage, type XlsxPackage, type XlsxSheetRef } from './xlsx-package.js';
import { sheetRows, type SheetRow } from './xlsx-sheet.js';

export interface XlsxReadOptions {
  sheet?: string | undefined;
  maxRecordBytes: number;
}

export async function openXlsx(path: string, options: XlsxReadOptions): Promise<RowSource> {
  await checkIsZip(path);
  let input: Readable | null = null;
  const close = (): Promise<void> => {
    input?.destroy();
    return Promise.resolve();
  };
  try {
    const pkg = await openXlsxPackage(path);
    const sheet = findSheet(path, pkg, options.sheet);
    input = pkg.open(sheet.part);
    const rows = sheetRows(input, pkg);
    const headerRow = await nextNonEmptyRow(rows);
    if (headerRow === undefined) throw badFile(path, `工作表“${sheet.name}”是空的`, `sheet "${sheet.name}" is empty`);
    const header = checkHeader(path, dropTrailingEmpty(headerRow.texts));
    return { header, rows: readRows(path, rows, header, options.maxRecordBytes, close), close };
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

function findSheet(path: string, pkg: XlsxPackage, wanted: string | undefined): XlsxSheetRef {
  // Without a name asked for, the first sheet in the workbook's tab order (not zip order).
  const sheet = wanted === undefined ? pkg.sheets[0] : pkg.sheets.find((s) => s.name === wanted);
  if (sheet !== undefined) return sheet;
  const names = pkg.sheets.map((s) => s.name);
  if (wanted === undefined || names.length === 0) throw badFile(path, '工作簿中没有工作表', 'the workbook has no sheet');
  throw badFile(
    path,
    `没有名为“${wanted}”的工作表；文件中的工作表有：${names.map((n) => `“${n}”`).join('、')}`,
    `there is no sheet named "${wanted}"; the sheets are: ${names.map((n) => `"${n}"`).join(', ')}`,
  );
}

async function nextNonEmptyRow(rows: AsyncGenerator<SheetRow>): Promise<SheetRow | undefined> {
  for (;;) {
    const next = await rows.next();
    if (next.done === true) return undefined;
    if (next.value.texts.some((t) => t !== '')) return next.value;
  }
}

function dropTrailingEmpty(texts: readonly string[]): string[] {
  let end = texts.length;
  while (end > 0 && texts[end - 1] === '') end--;
  return texts.slice(0, end);
}

async function* readRows(
  path: string,
  rows: AsyncGenerator<SheetRow>,
  header: string[],
  maxRecordBytes: number,
  close: () => Promise<void>,
): AsyncGenerator<DataRow | BadRow, void, undefined> {
  try {
    for (;;) {
      const row = await nextNonEmptyRow(rows);
      if (row === undefined) break;
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
